package com.marquee.pipelines.replay;

import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.pipelines.requestlog.RequestLogRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Replay evaluation: joins every served recommendation list with the same user's LATER positive
 * interactions and scores the list as a ranking, per model version, and per A/B variant when the log
 * has one.
 *
 * <p>Input lists: {@code request_logs} rows with {@code endpoint = '/recommend'}, {@code status = 200},
 * a user id and a non-empty {@code recommendations} array (the caller filters; rows that do not
 * qualify are skipped here too). A positive interaction at time {@code t} belongs to a list served at
 * time {@code T} (both UTC, millisecond precision) iff {@code T <= t <= T + window} (both ends
 * inclusive); with no window, iff the user is the same (any time).
 *
 * <p>Per group (model version x variant, plus variant {@code all}):
 *
 * <ul>
 *   <li>{@code k} = the {@code k} given, else the longest served list of the group;
 *   <li>{@code lists} = lists replayed; {@code evaluated_lists} = lists whose user has at least one
 *       positive interaction in the window (the others have no ground truth: they count for CTR only);
 *   <li>{@code hitrate@k, precision@k, recall@k, ndcg@k, map@k}: means over the evaluated lists of
 *       common's {@code RankingMetrics} (binary relevance: relevant = the movies of the user's
 *       positive interactions in the window; precision divides by k even for shorter lists);
 *   <li>{@code ctr} (offline CTR) = lists with at least one positive interaction in the window on a
 *       movie of the served list (any position) / lists.
 * </ul>
 */
public final class ReplayTransform extends PTransform<PCollection<RequestLogRecord>, PCollection<ReplayRow>> {
  /** The variant of the rows over all variants. */
  public static final String ALL = "all";
  private static final String SEP = "\u001f";

  private final PCollection<PositiveEvent> positives;
  private final Long windowMillis;
  private final Integer k;
  private final boolean perVariant;

  private ReplayTransform(PCollection<PositiveEvent> positives, Long windowMillis, Integer k, boolean perVariant) {
    this.positives = positives;
    this.windowMillis = windowMillis;
    this.k = k;
    this.perVariant = perVariant;
  }

  /**
   * @param positives the positive interactions
   * @param windowMillis the window after each list in milliseconds, or null for no time limit
   * @param k the cutoff, or null for the longest list of each group
   * @param perVariant also report per variant
   * @throws IllegalArgumentException if {@code k < 1} or {@code windowMillis < 0}
   */
  public static ReplayTransform of(PCollection<PositiveEvent> positives, Long windowMillis, Integer k, boolean perVariant) {
    if (k != null && k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (windowMillis != null && windowMillis < 0) {
      throw new IllegalArgumentException("window must be >= 0, got " + windowMillis);
    }
    return new ReplayTransform(positives, windowMillis, k, perVariant);
  }

  /** One served list and the movies the user then liked within the window. */
  record Outcome(List<Integer> ranked, List<Integer> relevant) implements Serializable {
    /** Lexicographic by served list, then by relevant movies: a total order up to equal outcomes. */
    static final Comparator<Outcome> ORDER =
        Comparator.<Outcome, List<Integer>>comparing(Outcome::ranked, Outcome::compareLists)
            .thenComparing(Outcome::relevant, Outcome::compareLists);

    private static int compareLists(List<Integer> a, List<Integer> b) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = Integer.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
  }

  @Override
  public PCollection<ReplayRow> expand(PCollection<RequestLogRecord> rows) {
    TupleTag<RequestLogRecord> listsTag = new TupleTag<>("lists");
    TupleTag<PositiveEvent> positivesTag = new TupleTag<>("positives");
    PCollection<KV<Long, RequestLogRecord>> lists =
        rows.apply("ServedLists", ParDo.of(new KeyListsFn()))
            .setCoder(KvCoder.of(VarLongCoder.of(), SerializableCoder.of(RequestLogRecord.class)));
    PCollection<KV<Long, PositiveEvent>> pos =
        positives.apply("KeyPositives", ParDo.of(new KeyPositivesFn()))
            .setCoder(KvCoder.of(VarLongCoder.of(), SerializableCoder.of(PositiveEvent.class)));
    return KeyedPCollectionTuple.of(listsTag, lists)
        .and(positivesTag, pos)
        .apply("JoinByUser", CoGroupByKey.create())
        .apply("Outcomes", ParDo.of(new OutcomeFn(listsTag, positivesTag, windowMillis, perVariant)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Outcome.class)))
        .apply("ByVersionVariant", GroupByKey.create())
        .apply("Score", ParDo.of(new ScoreFn(k)))
        .setCoder(SerializableCoder.of(ReplayRow.class));
  }

  /** Whether a log row is a replayable /recommend list. */
  static boolean replayable(RequestLogRecord r) {
    return "/recommend".equals(r.endpoint()) && r.status() == 200 && r.userId() != null && !r.recommendations().isEmpty();
  }

  private static final class KeyListsFn extends DoFn<RequestLogRecord, KV<Long, RequestLogRecord>> {
    @ProcessElement
    public void process(@Element RequestLogRecord r, OutputReceiver<KV<Long, RequestLogRecord>> out) {
      if (replayable(r)) {
        out.output(KV.of(r.userId(), r));
      }
    }
  }

  private static final class KeyPositivesFn extends DoFn<PositiveEvent, KV<Long, PositiveEvent>> {
    @ProcessElement
    public void process(@Element PositiveEvent e, OutputReceiver<KV<Long, PositiveEvent>> out) {
      out.output(KV.of(e.userId(), e));
    }
  }

  private static final class OutcomeFn extends DoFn<KV<Long, CoGbkResult>, KV<String, Outcome>> {
    private final TupleTag<RequestLogRecord> listsTag;
    private final TupleTag<PositiveEvent> positivesTag;
    private final Long windowMillis;
    private final boolean perVariant;

    OutcomeFn(TupleTag<RequestLogRecord> listsTag, TupleTag<PositiveEvent> positivesTag, Long windowMillis, boolean perVariant) {
      this.listsTag = listsTag;
      this.positivesTag = positivesTag;
      this.windowMillis = windowMillis;
      this.perVariant = perVariant;
    }

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> joined, OutputReceiver<KV<String, Outcome>> out) {
      List<PositiveEvent> events = new ArrayList<>();
      joined.getValue().getAll(positivesTag).forEach(events::add);
      for (RequestLogRecord list : joined.getValue().getAll(listsTag)) {
        long from = list.epochMillis();
        Set<Integer> relevant = new HashSet<>();
        for (PositiveEvent e : events) {
          long t = e.epochMillis();
          if (windowMillis == null || (t >= from && t - from <= windowMillis)) {
            relevant.add(e.movieId());
          }
        }
        Outcome o = new Outcome(list.recommendations(), List.copyOf(new java.util.TreeSet<>(relevant)));
        out.output(KV.of(list.modelVersion() + SEP + ALL, o));
        if (perVariant) {
          out.output(KV.of(list.modelVersion() + SEP + list.variant(), o));
        }
      }
    }
  }

  private static final class ScoreFn extends DoFn<KV<String, Iterable<Outcome>>, ReplayRow> {
    private final Integer k;

    ScoreFn(Integer k) {
      this.k = k;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Outcome>> group, OutputReceiver<ReplayRow> out) {
      String[] key = group.getKey().split(SEP, -1);
      List<Outcome> outcomes = new ArrayList<>();
      group.getValue().forEach(outcomes::add);
      // The metric means are floating-point sums: add the lists in a fixed order, not the order the
      // runner delivers the group in, so every runner writes the same numbers.
      outcomes.sort(Outcome.ORDER);
      int cutoff = k != null ? k : outcomes.stream().mapToInt(o -> o.ranked().size()).max().orElse(1);
      MetricsAccumulator acc = new MetricsAccumulator(List.of(cutoff), 1);
      long positiveLists = 0;
      long evaluated = 0;
      for (Outcome o : outcomes) {
        Set<Integer> relevant = new HashSet<>(o.relevant());
        int[] ranked = o.ranked().stream().mapToInt(Integer::intValue).toArray();
        if (o.ranked().stream().anyMatch(relevant::contains)) {
          positiveLists++;
        }
        if (!relevant.isEmpty()) {
          evaluated++;
          acc.add(ranked, relevant::contains, relevant.size());
        }
      }
      TreeMap<String, Double> metrics = new TreeMap<>();
      for (Map.Entry<String, Double> e : acc.result().entrySet()) {
        if (!e.getKey().startsWith("coverage@") && !e.getKey().equals("users")) {
          metrics.put(e.getKey(), e.getValue());
        }
      }
      long n = outcomes.size();
      out.output(new ReplayRow(key[0], key[1], cutoff, n, evaluated, positiveLists,
          n == 0 ? 0.0 : positiveLists / (double) n, metrics));
    }
  }
}
