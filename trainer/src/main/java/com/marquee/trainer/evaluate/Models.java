package com.marquee.trainer.evaluate;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.baselines.EaseScorer;
import com.marquee.trainer.baselines.IalsFoldInScorer;
import com.marquee.trainer.baselines.IalsScorer;
import com.marquee.trainer.baselines.ItemKnnScorer;
import com.marquee.trainer.baselines.PopularityScorer;
import com.marquee.trainer.config.TrainingConfig;
import java.nio.file.Path;
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

  /** iALS as in the config: the starting point of its tuning. */
  IalsParams configIals() {
    TrainingConfig.Model m = base.model();
    return new IalsParams(m.variant() == TrainingConfig.Variant.RENDLE ? "rendle" : "hu", m.factors(),
        m.regularization(), m.alpha(), m.alpha0(), m.regExponent(), m.iterations());
  }

  /**
   * iALS with the given values; the other model keys as in the config.
   *
   * @throws com.marquee.common.config.ConfigException if a value is invalid (names the key)
   */
  Candidate ials(IalsParams p) {
    TrainingConfig.Model m = ConfigLoader.load(trainingConfigFile, TrainingConfig.class, env, p.overrides()).model();
    return new Candidate(ModelKind.IALS, p.reported(), d -> {
      IalsTrainer.Factors f = new IalsTrainer(m).train(d.fit(), null);
      return d.newUsers()
          ? new IalsFoldInScorer(f.items(), new IalsSolver(m.factors(), m.objective()))
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
  /** iALS (hu) grids with {@code --tune}, searched one coordinate at a time: regularization, alpha, factors. */
  static final List<Double> IALS_REGULARIZATION = List.of(0.1, 1.0, 10.0, 50.0, 200.0);
  static final List<Double> IALS_ALPHA = List.of(0.1, 0.3, 1.0, 3.0, 10.0, 30.0);
  static final List<Integer> IALS_FACTORS = List.of(32, 64, 128);
  /**
   * iALS (rendle) grids: regularization (multiplied by {@code (|I_u| + alpha0 |I|)^nu}, so much smaller
   * than hu's), then alpha0, then {@link #IALS_FACTORS}.
   */
  static final List<Double> RENDLE_REGULARIZATION = List.of(0.0003, 0.001, 0.003, 0.01, 0.03);
  static final List<Double> RENDLE_ALPHA0 = List.of(0.1, 0.3, 1.0, 3.0, 10.0);
}
