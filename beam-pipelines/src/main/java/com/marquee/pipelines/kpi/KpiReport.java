package com.marquee.pipelines.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.pipelines.requestlog.WriteReport;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code kpis.json} and {@code kpis.csv} from the {@link KpiRow}s, sorted by endpoint, model
 * version, variant, hour ({@code all} after the hours).
 *
 * <p>{@code kpis.json}: {@code {generated_at (ISO-8601 UTC), source (JDBC URL), catalog_size
 * (nullable), variant_column (bool), total_requests, definitions {name: text}, groups: [{endpoint,
 * model_version, variant, hour, requests, errors, error_rate, latency_ms: {p50, p95, p99}, fallbacks,
 * fallback_rate, fallback_rate_by_reason: {reason: rate}, unique_users, served_items,
 * catalog_coverage, popularity_bias}]}}. {@code total_requests} sums the groups with a concrete hour
 * and {@code variant = "all"}, i.e. the number of rows read.
 */
public final class KpiReport implements WriteReport.Writer<KpiRow> {
  private static final long serialVersionUID = 1L;

  /** Ordering of the report rows. */
  public static final Comparator<KpiRow> ORDER =
      Comparator.comparing(KpiRow::endpoint)
          .thenComparing(KpiRow::modelVersion)
          .thenComparing(KpiRow::variant)
          .thenComparing(KpiRow::hour);

  private final String jsonFile;
  private final String csvFile;
  private final String source;
  private final Integer catalogSize;
  private final boolean variantColumn;

  public KpiReport(String jsonFile, String csvFile, String source, Integer catalogSize, boolean variantColumn) {
    this.jsonFile = jsonFile;
    this.csvFile = csvFile;
    this.source = source;
    this.catalogSize = catalogSize;
    this.variantColumn = variantColumn;
  }

  @Override
  public void write(List<KpiRow> unsorted) throws IOException {
    List<KpiRow> rows = new ArrayList<>(unsorted);
    rows.sort(ORDER);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("generated_at", Instant.now().toString());
    root.put("source", source);
    root.put("catalog_size", catalogSize);
    root.put("variant_column", variantColumn);
    root.put(
        "total_requests",
        rows.stream()
            .filter(r -> !r.hour().equals(KpiTransform.ALL) && r.variant().equals(KpiTransform.ALL))
            .mapToLong(KpiRow::requests)
            .sum());
    ObjectNode defs = root.putObject("definitions");
    defs.put("hour", "UTC hour start of the request timestamp (ISO-8601); 'all' = every hour");
    defs.put("variant", "A/B variant ('none' when null or no variant column); 'all' = every variant");
    defs.put("error_rate", "rows with status >= 400 / requests");
    defs.put("latency_ms", "exact nearest-rank percentiles of latency_ms: x_ceil(p*n) of the sorted values, ms");
    defs.put("fallback_rate_by_reason", "rows with is_fallback=1 and that fallback_reason / requests");
    defs.put("unique_users", "distinct non-null user_id");
    defs.put("catalog_coverage", "distinct served movie ids / catalog_size");
    defs.put("popularity_bias", "mean popularity score (count / top count, popularity.csv; 0 if absent) per served slot");
    ArrayNode groups = root.putArray("groups");
    for (KpiRow r : rows) {
      ObjectNode g = groups.addObject();
      g.put("endpoint", r.endpoint());
      g.put("model_version", r.modelVersion());
      g.put("variant", r.variant());
      g.put("hour", r.hour());
      g.put("requests", r.requests());
      g.put("errors", r.errors());
      g.put("error_rate", r.errorRate());
      ObjectNode lat = g.putObject("latency_ms");
      lat.put("p50", r.latencyP50Ms());
      lat.put("p95", r.latencyP95Ms());
      lat.put("p99", r.latencyP99Ms());
      g.put("fallbacks", r.fallbacks());
      g.put("fallback_rate", r.fallbackRate());
      ObjectNode reasons = g.putObject("fallback_rate_by_reason");
      r.fallbackRateByReason().forEach(reasons::put);
      g.put("unique_users", r.uniqueUsers());
      g.put("served_items", r.servedItems());
      g.put("catalog_coverage", r.catalogCoverage());
      g.put("popularity_bias", r.popularityBias());
    }
    WriteReport.writeFile(jsonFile, json.writeValueAsString(root) + "\n");

    StringWriter csv = new StringWriter();
    try (CSVPrinter p =
        new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      p.printRecord((Object[]) KpiRow.CSV_HEADER.split(","));
      for (KpiRow r : rows) {
        p.printRecord(r.csvFields());
      }
    }
    WriteReport.writeFile(csvFile, csv.toString());
  }
}
