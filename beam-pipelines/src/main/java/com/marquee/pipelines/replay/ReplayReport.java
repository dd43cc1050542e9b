package com.marquee.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.pipelines.requestlog.WriteReport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code replay.json}: {@code {generated_at (ISO-8601 UTC), source (JDBC URL), positives
 * ("feedback" or "heldout:<file>"), window_hours (null = no limit), variant_column, total_lists,
 * definitions, groups: [{model_version, variant, k, lists, evaluated_lists, positive_lists, ctr,
 * metrics: {hitrate@k, map@k, ndcg@k, precision@k, recall@k}}]}}, groups sorted by model version,
 * then variant. {@code total_lists} sums the {@code variant = "all"} groups: the number of replayed
 * lists.
 */
public final class ReplayReport implements WriteReport.Writer<ReplayRow> {
  private static final long serialVersionUID = 1L;

  private final String jsonFile;
  private final String source;
  private final String positives;
  private final Double windowHours;
  private final boolean variantColumn;

  public ReplayReport(String jsonFile, String source, String positives, Double windowHours, boolean variantColumn) {
    this.jsonFile = jsonFile;
    this.source = source;
    this.positives = positives;
    this.windowHours = windowHours;
    this.variantColumn = variantColumn;
  }

  @Override
  public void write(List<ReplayRow> unsorted) throws IOException {
    List<ReplayRow> rows = new ArrayList<>(unsorted);
    rows.sort(Comparator.comparing(ReplayRow::modelVersion).thenComparing(ReplayRow::variant));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("generated_at", Instant.now().toString());
    root.put("source", source);
    root.put("positives", positives);
    root.put("window_hours", windowHours);
    root.put("variant_column", variantColumn);
    root.put("total_lists",
        rows.stream().filter(r -> r.variant().equals(ReplayTransform.ALL)).mapToLong(ReplayRow::lists).sum());
    ObjectNode defs = root.putObject("definitions");
    defs.put("lists", "request_logs rows with endpoint '/recommend', status 200, a user_id and a non-empty list");
    defs.put("window", "a positive interaction at t belongs to a list served at T iff T <= t <= T + window_hours");
    defs.put("positive", "feedback: event watch or click, or rating with value >= 4; heldout: every interaction");
    defs.put("evaluated_lists", "lists whose user has >= 1 positive interaction in the window");
    defs.put("metrics", "means over evaluated lists, binary relevance, relevant = movies of the window's positives");
    defs.put("ctr", "lists with >= 1 positive interaction in the window on a served movie / lists");
    ArrayNode groups = root.putArray("groups");
    for (ReplayRow r : rows) {
      ObjectNode g = groups.addObject();
      g.put("model_version", r.modelVersion());
      g.put("variant", r.variant());
      g.put("k", r.k());
      g.put("lists", r.lists());
      g.put("evaluated_lists", r.evaluatedLists());
      g.put("positive_lists", r.positiveLists());
      g.put("ctr", r.ctr());
      ObjectNode m = g.putObject("metrics");
      r.metrics().forEach(m::put);
    }
    defs.put("variant_tests", "hit rate (evaluated lists with >= 1 hit) of each variant vs the baseline variant "
        + "('control' if present, else the first by name), summed over model versions: two-sided two-proportion "
        + "z-test (pooled SE) and 95% Wald interval of the difference");
    ArrayNode tests = root.putArray("variant_tests");
    for (TwoProportionTest t : variantTests(rows)) {
      ObjectNode n = tests.addObject();
      n.put("baseline", t.baseline());
      n.put("variant", t.variant());
      n.put("hits_baseline", t.hitsBaseline());
      n.put("lists_baseline", t.listsBaseline());
      n.put("hits_variant", t.hitsVariant());
      n.put("lists_variant", t.listsVariant());
      n.put("difference", t.difference());
      n.put("z", t.z());
      n.put("p_value", t.pValue());
      n.put("ci95_low", t.ciLow());
      n.put("ci95_high", t.ciHigh());
    }
    WriteReport.writeFile(jsonFile, json.writeValueAsString(root) + "\n");
  }

  /**
   * Per real variant (not "all" or "none"): hits = round(hitrate@k x evaluated lists), summed over
   * model versions; each variant against the baseline.
   */
  static List<TwoProportionTest> variantTests(List<ReplayRow> rows) {
    java.util.SortedMap<String, long[]> byVariant = new java.util.TreeMap<>();
    for (ReplayRow r : rows) {
      if (r.variant().equals(ReplayTransform.ALL) || r.variant().equals("none")) {
        continue;
      }
      Double hitRate = r.metrics().get("hitrate@" + r.k());
      long[] acc = byVariant.computeIfAbsent(r.variant(), v -> new long[2]);
      acc[0] += hitRate == null ? 0 : Math.round(hitRate * r.evaluatedLists());
      acc[1] += r.evaluatedLists();
    }
    List<TwoProportionTest> out = new ArrayList<>();
    if (byVariant.size() < 2) {
      return out;
    }
    String base = byVariant.containsKey("control") ? "control" : byVariant.firstKey();
    long[] b = byVariant.get(base);
    byVariant.forEach((name, acc) -> {
      if (!name.equals(base)) {
        out.add(TwoProportionTest.of(base, b[0], b[1], name, acc[0], acc[1]));
      }
    });
    return out;
  }
}
