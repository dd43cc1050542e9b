package com.marquee.trainer.evaluate;

import com.marquee.trainer.baselines.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses hyperparameters on a validation stage (never on test): every candidate is fitted on the
 * validation stage's fit matrix and scored by the selection metric ({@code ndcg@k}) of a full-ranking
 * evaluation of the validation users; the highest wins, ties going to the earlier candidate.
 *
 * <ul>
 *   <li>popularity: nothing to tune (one candidate).
 *   <li>item-kNN: {@code --neighbors}, else {@code baselines.itemknn_neighbors}; with {@code --tune}
 *       the grid {@link Models#ITEMKNN_NEIGHBORS}.
 *   <li>EASE: {@code --lambda}, else the grid {@link Models#EASE_LAMBDAS}.
 *   <li>iALS: {@code --variant/--factors/--regularization/--alpha/--alpha0/--reg-exponent/--iterations},
 *       else the trainer config; with {@code --tune}, a coordinate search starting from those values:
 *       regularization over {@link Models#IALS_REGULARIZATION} (rendle: {@link
 *       Models#RENDLE_REGULARIZATION}), then alpha over {@link Models#IALS_ALPHA} (rendle: alpha0 over
 *       {@link Models#RENDLE_ALPHA0}), then factors over {@link Models#IALS_FACTORS}, each time keeping
 *       the best value found so far (one pass; pinned keys are not searched; the variant itself is not
 *       searched).
 * </ul>
 *
 * A searched value that ends at the edge of its grid is logged as a warning.
 */
final class Tuner {

  /** One evaluated candidate. */
  record Trial(Candidate candidate, double score, Map<String, Double> metrics) {}

  /** The winner and every trial, in the order tried. */
  record Result(Trial best, List<Trial> trials) {}

  private final Models models;
  private final Hyperparameters pinned;
  private final boolean tune;
  private final List<Integer> ks;
  private final String metric;
  private final Consumer<String> log;

  /**
   * @param ks cutoffs evaluated
   * @param metric selection metric, e.g. {@code ndcg@10}
   * @param log progress lines
   */
  Tuner(Models models, Hyperparameters pinned, boolean tune, List<Integer> ks, String metric, Consumer<String> log) {
    this.models = models;
    this.pinned = pinned;
    this.tune = tune;
    this.ks = ks;
    this.metric = metric;
    this.log = log;
  }

  /** Tunes {@code kind} on {@code validation}. */
  Result tune(ModelKind kind, StageData validation) {
    Search s = new Search(validation);
    switch (kind) {
      case POPULARITY -> s.trial(models.popularity());
      case ITEMKNN -> {
        if (pinned.neighbors() != null || !tune) {
          s.trial(models.itemKnn(pinned.neighbors() != null ? pinned.neighbors()
              : models.base().baselines().itemknnNeighbors()));
        } else {
          Models.ITEMKNN_NEIGHBORS.forEach(n -> s.trial(models.itemKnn(n)));
          warnAtEdge(s, "neighbors", Models.ITEMKNN_NEIGHBORS, "--neighbors");
        }
      }
      case EASE -> {
        if (pinned.lambda() != null) {
          s.trial(models.ease(pinned.lambda()));
        } else {
          Models.EASE_LAMBDAS.forEach(l -> s.trial(models.ease(l)));
          warnAtEdge(s, "lambda", Models.EASE_LAMBDAS, "--lambda");
        }
      }
      case IALS -> tuneIals(s);
      default -> throw new IllegalStateException("no tuning for " + kind);
    }
    return new Result(s.best, s.trials);
  }

  /** Logs a warning when the best value of {@code key} is the first or last of its grid. */
  private void warnAtEdge(Search s, String key, List<?> grid, String flag) {
    Object v = s.best.candidate().hyperparameters().get(key);
    if (v != null && (v.equals(grid.get(0)) || v.equals(grid.get(grid.size() - 1)))) {
      log.accept("warning: best " + key + " " + v + " is at the edge of the grid " + grid
          + "; the optimum may lie outside it (try " + flag + ")");
    }
  }

  private void tuneIals(Search s) {
    IalsParams c = models.configIals();
    c = new IalsParams(pinned.variant() != null ? pinned.variant() : c.variant(),
        pinned.factors() != null ? pinned.factors() : c.factors(),
        pinned.regularization() != null ? pinned.regularization() : c.regularization(),
        pinned.alpha() != null ? pinned.alpha() : c.alpha(),
        pinned.alpha0() != null ? pinned.alpha0() : c.alpha0(),
        pinned.regExponent() != null ? pinned.regExponent() : c.regExponent(),
        pinned.iterations() != null ? pinned.iterations() : c.iterations());
    s.trial(models.ials(c));
    if (!tune) {
      return;
    }
    boolean rendle = c.rendle();
    if (pinned.regularization() == null) {
      List<Double> grid = rendle ? Models.RENDLE_REGULARIZATION : Models.IALS_REGULARIZATION;
      for (double v : grid) {
        s.trial(models.ials(c.withRegularization(v)));
      }
      c = c.withRegularization((double) s.best.candidate().hyperparameters().get("regularization"));
      warnAtEdge(s, "regularization", grid, "--regularization");
    }
    if (rendle && pinned.alpha0() == null) {
      for (double v : Models.RENDLE_ALPHA0) {
        s.trial(models.ials(c.withAlpha0(v)));
      }
      c = c.withAlpha0((double) s.best.candidate().hyperparameters().get("alpha0"));
      warnAtEdge(s, "alpha0", Models.RENDLE_ALPHA0, "--alpha0");
    }
    if (!rendle && pinned.alpha() == null) {
      for (double v : Models.IALS_ALPHA) {
        s.trial(models.ials(c.withAlpha(v)));
      }
      c = c.withAlpha((double) s.best.candidate().hyperparameters().get("alpha"));
      warnAtEdge(s, "alpha", Models.IALS_ALPHA, "--alpha");
    }
    if (pinned.factors() == null) {
      for (int v : Models.IALS_FACTORS) {
        s.trial(models.ials(c.withFactors(v)));
      }
      warnAtEdge(s, "factors", Models.IALS_FACTORS, "--factors");
    }
  }

  /** Evaluates candidates once each and remembers the best. */
  private final class Search {
    final StageData data;
    final List<Trial> trials = new ArrayList<>();
    final Map<String, Trial> seen = new LinkedHashMap<>();
    Trial best;

    Search(StageData data) {
      this.data = data;
    }

    void trial(Candidate c) {
      if (seen.containsKey(c.label())) {
        return;
      }
      long t0 = System.nanoTime();
      Scorer scorer = c.fit(data);
      Map<String, Double> m = Evaluator.evaluate(scorer, data.eval(), ks, models.threads(), data.popularity());
      Trial t = new Trial(c, m.get(metric), m);
      seen.put(c.label(), t);
      trials.add(t);
      if (best == null || t.score() > best.score()) {
        best = t;
      }
      log.accept(String.format("validation %s: %s = %.4f (%.1f s)", c.label(), metric, t.score(),
          (System.nanoTime() - t0) / 1e9));
    }
  }
}
