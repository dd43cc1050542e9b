package com.marquee.trainer.evaluate;

import com.marquee.trainer.baselines.BlendScorer;
import com.marquee.trainer.baselines.Scorer;
import com.marquee.trainer.data.StageData;
import com.marquee.trainer.tune.CoordinateSearch;
import com.marquee.trainer.tune.HyperparameterSearch;
import com.marquee.trainer.tune.SearchConfig;
import com.marquee.trainer.tune.SearchSpace;
import com.marquee.trainer.tune.TrialResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses hyperparameters on a validation stage (never on test) with the one search type of the
 * trainer ({@link HyperparameterSearch}'s coordinate strategy, {@link CoordinateSearch}): every
 * candidate is fitted on the validation stage's fit matrix and scored by the selection metric ({@code
 * ndcg@k}) of a full-ranking evaluation of the validation users; the highest wins, ties going to the
 * earlier candidate. The value lists are the search configs next to the training config ({@code
 * configs/search-evaluate-<model>.yaml}); a key pinned on the command line is not searched.
 *
 * <ul>
 *   <li>popularity: nothing to tune (one candidate).
 *   <li>item-kNN: {@code --neighbors}, else {@code baselines.itemknn_neighbors}; with {@code --tune}
 *       the list of {@code search-evaluate-itemknn.yaml}.
 *   <li>RP3beta: {@code --rp3-alpha} (default 1), {@code --rp3-beta} (default 0.5), {@code --neighbors}
 *       (default {@code baselines.itemknn_neighbors}); with {@code --tune}, a coordinate search over
 *       {@code search-evaluate-rp3beta.yaml}.
 *   <li>EASE: {@code --lambda}, else the list of {@code search-evaluate-ease.yaml}.
 *   <li>iALS: {@code --variant/--factors/--regularization/--alpha/--alpha0/--reg-exponent/--iterations},
 *       else the trainer config; with {@code --tune}, a coordinate search starting from those values
 *       over the keys of {@code search-evaluate-ials-hu.yaml} (rendle: {@code
 *       search-evaluate-ials-rendle.yaml}) in their order (the variant itself is not searched).
 * </ul>
 *
 * A searched value that ends at the edge of its list is extended beyond it ({@code extend_edges})
 * and, if still at the edge, logged as a warning. The blend's weights are chosen by {@link #blend}.
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
  private final Path searchConfigDir;
  private final Map<String, String> env;
  private final Consumer<String> log;

  /**
   * @param ks cutoffs evaluated
   * @param metric selection metric, e.g. {@code ndcg@10}
   * @param searchConfigDir the directory of the {@code search-evaluate-*.yaml} files
   * @param env environment overrides of the search configs ({@code MARQUEE_SEARCH_*})
   * @param log progress lines
   */
  Tuner(Models models, Hyperparameters pinned, boolean tune, List<Integer> ks, String metric, Path searchConfigDir,
      Map<String, String> env, Consumer<String> log) {
    this.models = models;
    this.pinned = pinned;
    this.tune = tune;
    this.ks = ks;
    this.metric = metric;
    this.searchConfigDir = searchConfigDir;
    this.env = env;
    this.log = log;
  }

  /**
   * Tunes {@code kind} on {@code validation}.
   *
   * @throws com.marquee.common.config.ConfigException if a search config is missing or invalid
   */
  Result tune(ModelKind kind, StageData validation) {
    Map<String, Object> start;
    Axes axes = Axes.NONE;
    switch (kind) {
      case POPULARITY -> start = Map.of();
      case ITEMKNN -> {
        if (pinned.neighbors() != null || !tune) {
          start = Map.of("neighbors", pinned.neighbors() != null ? pinned.neighbors()
              : models.base().baselines().itemknnNeighbors());
        } else {
          start = null;
          axes = axes("itemknn");
        }
      }
      case RP3BETA -> {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rp3_alpha", pinned.rp3Alpha() != null ? pinned.rp3Alpha() : 1.0);
        s.put("rp3_beta", pinned.rp3Beta() != null ? pinned.rp3Beta() : 0.5);
        s.put("neighbors", pinned.neighbors() != null ? pinned.neighbors() : models.base().baselines().itemknnNeighbors());
        start = s;
        if (tune) {
          axes = axes("rp3beta");
        }
      }
      case EASE -> {
        if (pinned.lambda() != null) {
          start = Map.of("lambda", pinned.lambda());
        } else {
          start = null;
          axes = axes("ease");
        }
      }
      case IALS -> {
        Map<String, Object> s = new LinkedHashMap<>(models.configIals(pinned.variant()));
        Map<String, Object> given = pinned.asMap();
        s.replaceAll((key, v) -> given.getOrDefault(key, v));
        start = s;
        if (tune) {
          axes = axes("ials-" + s.get("variant"));
        }
      }
      default -> throw new IllegalStateException("no tuning for " + kind);
    }
    List<TrialResult> results = CoordinateSearch.run(start, axes.axes(),
        (trial, hp) -> trial(models.candidate(kind, hp), trial, validation), metric, r -> {}, log, axes.extendEdges());
    List<Trial> trials = results.stream()
        .map(r -> new Trial(models.candidate(kind, r.hyperparameters()), r.metric(metric), r.val())).toList();
    TrialResult best = HyperparameterSearch.best(results, metric);
    return new Result(trials.get(best == null ? 0 : best.trial() - 1), trials);
  }

  /** Each blend weight takes these values before the vector is normalised to sum 1. */
  static final List<Integer> BLEND_STEPS = List.of(0, 1, 2, 3);

  /**
   * Chooses the weights of a {@link Models#blend} of {@code parts} (each with its tuned
   * hyperparameters) on {@code validation}: every part is fitted once, then every weight vector of
   * {@link #blendWeights} is scored by the selection metric; ties go to the earlier vector.
   */
  Result blend(List<Candidate> parts, StageData validation) {
    long t0 = System.nanoTime();
    List<Scorer> fitted = parts.stream().map(p -> p.fit(validation)).toList();
    log.accept(String.format("blend: %d parts fitted on validation (%.1f s)", parts.size(), (System.nanoTime() - t0) / 1e9));
    List<Trial> trials = new java.util.ArrayList<>();
    Trial best = null;
    for (double[] w : blendWeights(parts.size())) {
      Map<String, Double> m = Evaluator.evaluate(new BlendScorer(fitted, w, validation.items().size()), validation.eval(),
          ks, models.threads(), validation.popularity());
      Candidate c = models.blend(parts, w);
      Trial t = new Trial(c, m.get(metric), m);
      trials.add(t);
      log.accept(String.format("validation %s: %s = %.4f", c.label(), metric, t.score()));
      if (best == null || t.score() > best.score()) {
        best = t;
      }
    }
    return new Result(best, trials);
  }

  /**
   * Every weight vector with entries from {@link #BLEND_STEPS}, not all 0, normalised to sum 1,
   * each direction once (the first in enumeration order, last part varying fastest).
   */
  static List<double[]> blendWeights(int parts) {
    List<double[]> out = new java.util.ArrayList<>();
    java.util.Set<List<Double>> seen = new java.util.HashSet<>();
    int base = BLEND_STEPS.size();
    int total = (int) Math.pow(base, parts);
    for (int code = 1; code < total; code++) {
      double[] w = new double[parts];
      double sum = 0;
      for (int m = parts - 1, c = code; m >= 0; m--, c /= base) {
        w[m] = BLEND_STEPS.get(c % base);
        sum += w[m];
      }
      List<Double> key = new java.util.ArrayList<>();
      for (int m = 0; m < parts; m++) {
        w[m] = Math.round(w[m] / sum * 1e6) / 1e6;
        key.add(w[m]);
      }
      if (seen.add(key)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The keys a search varies, in order, and how far it may go beyond a winning list end. */
  private record Axes(List<SearchSpace.Choice> axes, int extendEdges) {
    static final Axes NONE = new Axes(List.of(), 0);
  }

  /** The axes of {@code search-evaluate-<name>.yaml}, without the keys pinned on the command line. */
  private Axes axes(String name) {
    Path file = searchConfigDir.resolve("search-evaluate-" + name + ".yaml");
    SearchConfig.Search spec = SearchConfig.load(file, env, Map.of("search.metric", metric)).search();
    Map<String, Object> given = pinned.asMap();
    return new Axes(SearchSpace.of(spec.space(), Hyperparameters.class).axes().stream()
        .filter(a -> !given.containsKey(a.key())).toList(), spec.extendEdges());
  }

  private TrialResult trial(Candidate c, int number, StageData data) {
    long t0 = System.nanoTime();
    Scorer scorer = c.fit(data);
    Map<String, Double> m = Evaluator.evaluate(scorer, data.eval(), ks, models.threads(), data.popularity());
    double seconds = (System.nanoTime() - t0) / 1e9;
    log.accept(String.format("validation %s: %s = %.4f (%.1f s)", c.label(), metric, m.get(metric), seconds));
    return new TrialResult(number, TrialResult.OK, c.hyperparameters(), List.of(), m, seconds, null, null);
  }
}
