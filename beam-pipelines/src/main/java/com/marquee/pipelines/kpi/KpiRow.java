package com.marquee.pipelines.kpi;

import java.io.Serializable;
import java.util.SortedMap;

/**
 * The KPIs of one group of request-log rows; see {@link KpiTransform} for the definitions.
 *
 * @param endpoint e.g. {@code /recommend}
 * @param modelVersion the serving model version ({@code none} when not logged)
 * @param variant the A/B variant, or {@link KpiTransform#ALL} for all variants together
 * @param hour UTC hour start {@code 2026-11-22T13:00:00Z}, or {@link KpiTransform#ALL} for all hours
 * @param requests number of rows
 * @param errors rows with {@code status >= 400}
 * @param errorRate {@code errors / requests}
 * @param latencyP50Ms nearest-rank 50th percentile of {@code latency_ms} (ms), null if no latency
 * @param latencyP95Ms nearest-rank 95th percentile (ms), null if no latency
 * @param latencyP99Ms nearest-rank 99th percentile (ms), null if no latency
 * @param fallbacks rows with {@code is_fallback = 1}
 * @param fallbackRate {@code fallbacks / requests}
 * @param fallbackRateByReason per {@code fallback_reason} ({@code unknown} when null): fallback rows
 *     with that reason / requests
 * @param uniqueUsers distinct non-null {@code user_id}
 * @param servedItems distinct movie ids over all {@code recommendations} arrays
 * @param catalogCoverage {@code servedItems / catalog size}, null when the catalog size is unknown
 * @param popularityBias mean popularity {@code score} per served slot, null when no popularity file
 *     or nothing was served
 */
public record KpiRow(
    String endpoint,
    String modelVersion,
    String variant,
    String hour,
    long requests,
    long errors,
    double errorRate,
    Double latencyP50Ms,
    Double latencyP95Ms,
    Double latencyP99Ms,
    long fallbacks,
    double fallbackRate,
    SortedMap<String, Double> fallbackRateByReason,
    long uniqueUsers,
    long servedItems,
    Double catalogCoverage,
    Double popularityBias)
    implements Serializable {

  /** CSV header of {@code kpis.csv}, in column order. */
  public static final String CSV_HEADER =
      "endpoint,model_version,variant,hour,requests,errors,error_rate,latency_p50_ms,latency_p95_ms,"
          + "latency_p99_ms,fallbacks,fallback_rate,fallback_rate_by_reason,unique_users,served_items,"
          + "catalog_coverage,popularity_bias";

  /** The CSV fields in {@link #CSV_HEADER} order; {@code fallback_rate_by_reason} is {@code reason:rate|...}. */
  public Object[] csvFields() {
    StringBuilder reasons = new StringBuilder();
    fallbackRateByReason.forEach((r, v) -> reasons.append(reasons.isEmpty() ? "" : "|").append(r).append(':').append(v));
    return new Object[] {
      endpoint, modelVersion, variant, hour, requests, errors, errorRate, blank(latencyP50Ms), blank(latencyP95Ms),
      blank(latencyP99Ms), fallbacks, fallbackRate, reasons.toString(), uniqueUsers, servedItems,
      blank(catalogCoverage), blank(popularityBias)
    };
  }

  private static Object blank(Double d) {
    return d == null ? "" : d;
  }
}
