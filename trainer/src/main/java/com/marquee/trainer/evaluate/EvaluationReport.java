package com.marquee.trainer.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.trainer.data.StageData;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an {@link OfflineEvaluation}: a readable table ({@link #table()}) and a flat JSON
 * object ({@link #json()}) whose metric keys are those of {@code MetricsAccumulator} ({@code
 * precision@k, recall@k, nrecall@k, ndcg@k, map@k, hitrate@k, novelty@k, coverage@k}), with their
 * standard errors under {@code standard_errors}.
 *
 * @param request what was asked
 * @param layout detected MovieLens layout; null for a fixed split
 * @param minRating the implicit threshold applied; NaN for a fixed split (none applied)
 * @param interactions interactions after preprocessing
 * @param validation the validation stage
 * @param test the test stage
 * @param testHeldOut held-out interactions of the test stage before cold-start drops
 * @param chosen the model and hyperparameters evaluated on test
 * @param selected its validation trial
 * @param trials every validation trial
 * @param metrics test metrics (means over the evaluated users, plus {@code users})
 * @param standardErrors standard error of each mean in {@code metrics} (see {@code MetricsAccumulator})
 * @param fitSeconds wall time of the final fit
 * @param totalSeconds wall time of the whole evaluation
 */
public record EvaluationReport(
    EvaluationRequest request,
    MovieLensLayout layout,
    double minRating,
    int interactions,
    StageData validation,
    StageData test,
    int testHeldOut,
    Candidate chosen,
    Tuner.Trial selected,
    List<Tuner.Trial> trials,
    Map<String, Double> metrics,
    Map<String, Double> standardErrors,
    double fitSeconds,
    double totalSeconds) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ROWS =
      List.of("precision", "recall", "nrecall", "ndcg", "map", "hitrate", "novelty", "coverage");

  /** The report as one flat JSON object (insertion-ordered), metrics at the top level. */
  public Map<String, Object> jsonFields() {
    Map<String, Object> o = new LinkedHashMap<>();
    EvaluationRequest r = request;
    o.put("model", chosen.kind().cliName());
    o.put("requested_model", r.modelName());
    o.put("protocol", r.protocol().cliName());
    if (r.fixedSplit() != null) {
      o.put("train_file", r.fixedSplit().train().toString());
      o.put("test_file", r.fixedSplit().test().toString());
      o.put("split_format", r.fixedSplit().format().cliName());
    } else {
      o.put("data", r.data().toString());
      o.put("layout", layoutName());
      o.put("min_rating", minRating);
    }
    if (r.protocol() == Protocol.RANDOM_PER_USER || r.protocol() == Protocol.USER_HOLDOUT
        || r.protocol() == Protocol.FIXED) {
      o.put("ratio", r.ratio());
      o.put("seed", r.seed());
    }
    if (r.protocol() == Protocol.USER_HOLDOUT) {
      o.put("heldout_users", test.eval().users().size());
    }
    o.put("hyperparameters", chosen.hyperparameters());
    o.put("selection_metric", "validation " + r.selectionMetric());
    o.put("validation_score", selected.score());
    o.put("validation_users", selected.metrics().get("users").intValue());
    o.put("candidates", trials.size());
    o.put("interactions", interactions);
    o.put("catalog_items", test.items().size());
    o.put("train_interactions", test.fit().nnz());
    o.put("test_held_out", testHeldOut);
    o.put("cold_start_dropped", test.eval().droppedColdStart());
    if (test.eval().unrankable() != null) {
      o.put("unrankable_relevant", java.util.Arrays.stream(test.eval().unrankable()).asLongStream().sum());
    }
    o.put("users", metrics.get("users").intValue());
    metrics.forEach((k, v) -> {
      if (!k.equals("users")) {
        o.put(k, v);
      }
    });
    o.put("standard_errors", standardErrors);
    o.put("fit_seconds", round(fitSeconds));
    o.put("total_seconds", round(totalSeconds));
    return o;
  }

  /** {@link #jsonFields()} on one line. */
  public String json() {
    try {
      return JSON.writeValueAsString(jsonFields());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A human-readable summary and a metric x cutoff table, ending with a newline. */
  public String table() {
    EvaluationRequest r = request;
    StringBuilder b = new StringBuilder();
    String params = switch (r.protocol()) {
      case RANDOM_PER_USER -> String.format(Locale.ROOT, " (ratio %s, seed %d)", r.ratio(), r.seed());
      case USER_HOLDOUT -> String.format(Locale.ROOT, " (%d held-out users, seed %d)", test.eval().users().size(), r.seed());
      case FIXED -> String.format(Locale.ROOT, " (validation ratio %s, seed %d)", r.ratio(), r.seed());
      default -> "";
    };
    b.append(String.format(Locale.ROOT, "Offline evaluation of %s under %s%s%n", chosen.kind(), r.protocol(), params));
    if (r.fixedSplit() != null) {
      b.append(String.format(Locale.ROOT, "  data        train %s, test %s (%s): %,d interactions%n",
          r.fixedSplit().train(), r.fixedSplit().test(), r.fixedSplit().format().cliName(), interactions));
    } else {
      b.append(String.format(Locale.ROOT, "  data        %s (%s), min_rating %s: %,d interactions%n", r.data(), layoutName(),
          minRating, interactions));
    }
    b.append(String.format(Locale.ROOT, "  training    %,d interactions, %,d users x %,d items (the refitted model's)%n",
        test.fit().nnz(), test.users().size(), test.items().size()));
    b.append(String.format(Locale.ROOT,
        "  test        %,d held-out interactions, %,d users evaluated%s, %,d cold-start dropped%s%n",
        testHeldOut, metrics.get("users").intValue(), test.newUsers() ? " by fold-in" : "",
        test.eval().droppedColdStart(), test.eval().unrankable() == null ? ""
            : String.format(Locale.ROOT, ", %,d on items absent from training counted as missed",
                java.util.Arrays.stream(test.eval().unrankable()).asLongStream().sum())));
    b.append(String.format(Locale.ROOT, "  chosen      %s: validation %s = %.4f (%d candidate%s%s)%n", chosen.label(),
        r.selectionMetric(), selected.score(), trials.size(), trials.size() == 1 ? "" : "s",
        r.model() == null ? ", all models" : ""));
    b.append(String.format(Locale.ROOT, "  time        final fit %.1f s, total %.1f s%n%n", fitSeconds, totalSeconds));
    List<Integer> ks = r.ks();
    b.append(String.format(Locale.ROOT, "  %-10s", "metric"));
    ks.forEach(k -> b.append(String.format(Locale.ROOT, "%10s", "@" + k)));
    b.append(System.lineSeparator());
    for (String row : ROWS) {
      b.append(String.format(Locale.ROOT, "  %-10s", row));
      for (int k : ks) {
        Double v = metrics.get(row + "@" + k);
        b.append(v == null ? String.format("%10s", "-") : String.format(Locale.ROOT, "%10.4f", v));
      }
      b.append(System.lineSeparator());
      if (row.equals("ndcg")) {
        b.append(String.format(Locale.ROOT, "  %-10s", "  +/- s.e."));
        for (int k : ks) {
          b.append(String.format(Locale.ROOT, "%10.4f", standardErrors.getOrDefault("ndcg@" + k, 0.0)));
        }
        b.append(System.lineSeparator());
      }
    }
    b.append("  (full ranking of the catalog minus each user's training items; novelty in bits;")
        .append(System.lineSeparator())
        .append("   s.e. = standard error of the mean over the evaluated users)")
        .append(System.lineSeparator());
    return b.toString();
  }

  private String layoutName() {
    return layout.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
