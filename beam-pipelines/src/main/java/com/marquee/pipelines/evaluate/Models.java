package com.marquee.pipelines.evaluate;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.config.ConfigLoader;
import com.marquee.pipelines.config.TrainingConfig;
import com.marquee.pipelines.train.IalsFoldInScorer;
import com.marquee.pipelines.train.IalsScorer;
import com.marquee.pipelines.train.IalsTrainer;
import com.marquee.pipelines.train.ItemKnnScorer;
import com.marquee.pipelines.train.PopularityScorer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Candidate}s of every model. iALS candidates are the trainer's own model config
 * ({@code configs/training.yaml}, environment overrides applied) with the tuned keys replaced, so
 * every other key (seed, solver, threads, ...) is exactly what {@code scripts/train.sh} would use.
 *
 * <p>How each model scores the evaluated users: popularity ignores the history (the training counts
 * of the fit matrix); item-kNN and EASE score from the history directly; iALS uses the trained user
 * vectors for known users ({@code IalsScorer}) and fold-in ({@code IalsFoldInScorer}, i.e. {@link
 * IalsSolver#foldIn}) for new users.
 */
final class Models {

  private final Path trainingConfigFile;
  private final Map<String, String> env;
  private final TrainingConfig base;
  private final int threads;

  /**
   * @param trainingConfigFile configs/training.yaml
   * @param env environment overrides (normally the process environment)
   */
  Models(Path trainingConfigFile, Map<String, String> env) {
    this.trainingConfigFile = trainingConfigFile;
    this.env = env;
    this.base = ConfigLoader.load(trainingConfigFile, TrainingConfig.class, env, Map.of());
    this.threads = base.model().effectiveThreads();
  }

  /** The trainer config the defaults come from. */
  TrainingConfig base() {
    return base;
  }

  /** Worker threads ({@code model.threads}; 0 = all cores). */
  int threads() {
    return threads;
  }

  Candidate popularity() {
    return new Candidate(ModelKind.POPULARITY, Map.of(), d -> new PopularityScorer(d.fit()));
  }

  Candidate itemKnn(int neighbors) {
    return new Candidate(ModelKind.ITEMKNN, Map.of("neighbors", neighbors),
        d -> new ItemKnnScorer(d.fit(), neighbors, threads));
  }

  Candidate ease(double lambda) {
    return new Candidate(ModelKind.EASE, Map.of("lambda", lambda), d -> EaseScorer.fit(d.fit(), lambda, threads));
  }

  /**
   * iALS with the given values; the other model keys as in the config.
   *
   * @throws com.marquee.common.config.ConfigException if a value is invalid (names the key)
   */
  Candidate ials(int factors, double alpha, double regularization, int iterations) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("model.factors", Integer.toString(factors));
    overrides.put("model.alpha", Double.toString(alpha));
    overrides.put("model.regularization", Double.toString(regularization));
    overrides.put("model.iterations", Integer.toString(iterations));
    TrainingConfig.Model m = ConfigLoader.load(trainingConfigFile, TrainingConfig.class, env, overrides).model();
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("factors", factors);
    h.put("alpha", alpha);
    h.put("regularization", regularization);
    h.put("iterations", iterations);
    return new Candidate(ModelKind.IALS, h, d -> {
      IalsTrainer.Factors f = new IalsTrainer(m).train(d.fit(), null);
      return d.newUsers()
          ? new IalsFoldInScorer(f.items(), new IalsSolver(m.factors(), m.regularization(), m.alpha()))
          : new IalsScorer(f.users(), f.items());
    });
  }

  /**
   * Grid of EASE's lambda when not pinned (Steck 2019 reports 200..1000 on data sets 100x larger than
   * ml-latest-small). Each value costs one O(n^3) inverse, so the grid is short; a best value at its
   * edge is reported as a warning.
   */
  static final List<Double> EASE_LAMBDAS = List.of(30.0, 100.0, 300.0, 1000.0);
  /** Grid of item-kNN neighbours with {@code --tune}. */
  static final List<Integer> ITEMKNN_NEIGHBORS = List.of(10, 25, 50, 100, 200, 400);
  /** iALS grids with {@code --tune}, searched one coordinate at a time in this order. */
  static final List<Double> IALS_REGULARIZATION = List.of(0.1, 1.0, 10.0, 50.0, 200.0);
  static final List<Double> IALS_ALPHA = List.of(0.3, 1.0, 3.0, 10.0, 30.0);
  static final List<Integer> IALS_FACTORS = List.of(32, 64, 128);
}
