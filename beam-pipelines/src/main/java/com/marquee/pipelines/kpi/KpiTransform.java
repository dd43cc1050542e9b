package com.marquee.pipelines.kpi;

import com.marquee.pipelines.requestlog.LogTime;
import com.marquee.pipelines.requestlog.RequestLogRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Serving KPIs of the request log, per {@code (endpoint, model_version, variant, hour)}.
 *
 * <p>Groups: every row counts in its UTC hour (timestamp truncated to the hour, {@code
 * 2026-11-22T13:00:00Z}) and in the {@code hour = "all"} rollup; both with {@code variant = "all"}.
 * When the log has a {@code variant} column ({@code perVariant}), every row also counts under its own
 * variant ({@code none} when null), again per hour and for all hours. So the rows with {@code
 * variant = "all"} and a concrete hour partition the log: their {@code requests} sum to {@code
 * SELECT count(*) FROM request_logs}.
 *
 * <p>Every value is independent of the order in which the runner delivers a group's rows (sums over
 * doubles run in a fixed order), so every runner writes the same report.
 *
 * <p>Definitions (per group of n rows):
 *
 * <ul>
 *   <li>{@code requests} = n; {@code errors} = rows with {@code status >= 400}; {@code error_rate} =
 *       errors / n.
 *   <li>{@code latency_p50_ms}, {@code _p95_ms}, {@code _p99_ms}: exact nearest-rank percentiles of
 *       the group's non-null {@code latency_ms} values, in milliseconds ({@link Percentiles}); null if
 *       the group has none.
 *   <li>{@code fallback_rate} = rows with {@code is_fallback = 1} / n; {@code
 *       fallback_rate_by_reason[r]} = rows with {@code is_fallback = 1} and {@code fallback_reason = r}
 *       ({@code unknown} when null) / n.
 *   <li>{@code unique_users} = distinct non-null {@code user_id}.
 *   <li>{@code served_items} = distinct movie ids over the group's {@code recommendations} arrays;
 *       {@code catalog_coverage} = served_items / catalog size (null when the catalog size is not
 *       known).
 *   <li>{@code popularity_bias} = mean, over every served slot (each position of each {@code
 *       recommendations} array, so an item shown twice counts twice), of the item's popularity {@code
 *       score} from {@code popularity.csv} (interaction count / the top item's count, in [0, 1]; 0 for
 *       an item absent from the file). 1 means only the most popular item was shown; values near 0
 *       mean long-tail items. Null when no popularity table is given or nothing was served.
 * </ul>
 */
public final class KpiTransform extends PTransform<PCollection<RequestLogRecord>, PCollection<KpiRow>> {

  /** The {@code hour} or {@code variant} of a rollup over all hours or all variants. */
  public static final String ALL = "all";
  private static final String SEP = "\u001f";

  private final boolean perVariant;
  private final Integer catalogSize;
  private final PCollectionView<Map<Integer, Double>> popularity;

  private KpiTransform(boolean perVariant, Integer catalogSize, PCollectionView<Map<Integer, Double>> popularity) {
    this.perVariant = perVariant;
    this.catalogSize = catalogSize;
    this.popularity = popularity;
  }

  /**
   * @param perVariant also report per A/B variant (the log has a {@code variant} column)
   * @param catalogSize number of items in the catalog, or null if unknown (no coverage then)
   * @param popularity side input movie id -> popularity score, or null (no popularity bias then)
   * @throws IllegalArgumentException if {@code catalogSize < 1}
   */
  public static KpiTransform of(
      boolean perVariant, Integer catalogSize, PCollectionView<Map<Integer, Double>> popularity) {
    if (catalogSize != null && catalogSize < 1) {
      throw new IllegalArgumentException("catalog size must be >= 1, got " + catalogSize);
    }
    return new KpiTransform(perVariant, catalogSize, popularity);
  }

  @Override
  public PCollection<KpiRow> expand(PCollection<RequestLogRecord> rows) {
    PCollection<KV<String, RequestLogRecord>> keyed =
        rows.apply("KeyByGroups", ParDo.of(new KeyFn(perVariant)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RequestLogRecord.class)));
    ParDo.SingleOutput<KV<String, Iterable<RequestLogRecord>>, KpiRow> compute =
        ParDo.of(new ComputeFn(catalogSize, popularity));
    if (popularity != null) {
      compute = compute.withSideInputs(popularity);
    }
    return keyed
        .apply("Group", GroupByKey.create())
        .apply("Compute", compute)
        .setCoder(SerializableCoder.of(KpiRow.class));
  }

  private static final class KeyFn extends DoFn<RequestLogRecord, KV<String, RequestLogRecord>> {
    private final boolean perVariant;

    KeyFn(boolean perVariant) {
      this.perVariant = perVariant;
    }

    @ProcessElement
    public void process(@Element RequestLogRecord r, OutputReceiver<KV<String, RequestLogRecord>> out) {
      String hour = LogTime.hour(r.epochMillis());
      List<String> variants = perVariant ? List.of(ALL, r.variant()) : List.of(ALL);
      for (String v : variants) {
        for (String h : List.of(hour, ALL)) {
          out.output(KV.of(String.join(SEP, r.endpoint(), r.modelVersion(), v, h), r));
        }
      }
    }
  }

  private static final class ComputeFn extends DoFn<KV<String, Iterable<RequestLogRecord>>, KpiRow> {
    private final Integer catalogSize;
    private final PCollectionView<Map<Integer, Double>> popularity;

    ComputeFn(Integer catalogSize, PCollectionView<Map<Integer, Double>> popularity) {
      this.catalogSize = catalogSize;
      this.popularity = popularity;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String[] key = c.element().getKey().split(SEP, -1);
      Map<Integer, Double> pop = popularity == null ? null : c.sideInput(popularity);
      long n = 0;
      long errors = 0;
      long fallbacks = 0;
      TreeMap<String, Long> byReason = new TreeMap<>();
      List<Double> latencies = new ArrayList<>();
      Set<Long> users = new HashSet<>();
      // Slots per served movie; popularity is summed from it in movie-id order afterwards, so the
      // floating-point sum does not depend on the order the runner hands the group's rows over.
      TreeMap<Integer, Long> slotsPerItem = new TreeMap<>();
      long slots = 0;
      for (RequestLogRecord r : c.element().getValue()) {
        n++;
        if (r.isError()) {
          errors++;
        }
        if (r.fallback()) {
          fallbacks++;
          byReason.merge(r.fallbackReason() == null ? "unknown" : r.fallbackReason(), 1L, Long::sum);
        }
        if (r.latencyMs() != null) {
          latencies.add(r.latencyMs());
        }
        if (r.userId() != null) {
          users.add(r.userId());
        }
        for (int item : r.recommendations()) {
          slotsPerItem.merge(item, 1L, Long::sum);
          slots++;
        }
      }
      double popSum = 0;
      if (pop != null) {
        for (Map.Entry<Integer, Long> e : slotsPerItem.entrySet()) {
          popSum += pop.getOrDefault(e.getKey(), 0.0) * e.getValue();
        }
      }
      int served = slotsPerItem.size();
      double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      boolean lat = sorted.length > 0;
      TreeMap<String, Double> reasonRates = new TreeMap<>();
      final long total = n;
      byReason.forEach((reason, count) -> reasonRates.put(reason, count / (double) total));
      c.output(
          new KpiRow(
              key[0], key[1], key[2], key[3], n, errors, errors / (double) n,
              lat ? Percentiles.of(sorted, 500) : null,
              lat ? Percentiles.of(sorted, 950) : null,
              lat ? Percentiles.of(sorted, 990) : null,
              fallbacks, fallbacks / (double) n, reasonRates, users.size(), served,
              catalogSize == null ? null : served / (double) catalogSize,
              pop == null || slots == 0 ? null : popSum / slots));
    }
  }
}
