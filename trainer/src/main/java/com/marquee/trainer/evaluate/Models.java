package com.marquee.trainer.evaluate;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.baselines.BlendScorer;
import com.marquee.trainer.baselines.EaseScorer;
import com.marquee.trainer.baselines.IalsFoldInScorer;
import com.marquee.trainer.baselines.IalsScorer;
import com.marquee.trainer.baselines.ItemKnnScorer;
import com.marquee.trainer.baselines.PopularityScorer;
import com.marquee.trainer.baselines.Rp3BetaScorer;
import com.marquee.trainer.config.TrainingConfig;
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
 * of the fit matrix); item-kNN, RP3beta and EASE score from the history directly; iALS uses the trained user
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

  Candidate rp3beta(double alpha, double beta, int neighbors) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("rp3_alpha", alpha);
    h.put("rp3_beta", beta);
    h.put("neighbors", neighbors);
    return new Candidate(ModelKind.RP3BETA, h, d -> new Rp3BetaScorer(d.fit(), alpha, beta, neighbors, threads));
  }

  /**
   * The blend of {@code parts} with {@code weights} (one each): every part is fitted on the stage,
   * then scored through {@link BlendScorer}. Reported hyperparameters: per part its own and its
   * {@code weight}.
   */
  Candidate blend(List<Candidate> parts, double[] weights) {
    Map<String, Object> h = new LinkedHashMap<>();
    for (int m = 0; m < parts.size(); m++) {
      Map<String, Object> part = new LinkedHashMap<>(parts.get(m).hyperparameters());
      part.put("weight", weights[m]);
      h.put(parts.get(m).kind().cliName(), part);
    }
    double[] w = weights.clone();
    return new Candidate(ModelKind.BLEND, h,
        d -> new BlendScorer(parts.stream().map(p -> p.fit(d)).toList(), w, d.items().size()));
  }

  Candidate ease(double lambda) {
    return new Candidate(ModelKind.EASE, Map.of("lambda", lambda), d -> EaseScorer.fit(d.fit(), lambda, threads));
  }

  /**
   * iALS as in the config: the starting point of its tuning. The keys that matter for the variant, in
   * report order: {@code variant, factors, regularization}, then {@code alpha} (hu) or {@code alpha0,
   * reg_exponent} (rendle), then {@code iterations}.
   *
   * @param variant {@code hu} or {@code rendle} to use instead of the config's, or null
   */
  Map<String, Object> configIals(String variant) {
    TrainingConfig.Model m = base.model();
    String v = variant != null ? variant : m.variant() == TrainingConfig.Variant.RENDLE ? "rendle" : "hu";
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("variant", v);
    h.put("factors", m.factors());
    h.put("regularization", m.regularization());
    if (v.equals("rendle")) {
      h.put("alpha0", m.alpha0());
      h.put("reg_exponent", m.regExponent());
    } else {
      h.put("alpha", m.alpha());
    }
    h.put("iterations", m.iterations());
    return h;
  }

  /**
   * The candidate of {@code kind} with the given hyperparameters.
   *
   * @param hyperparameters snake_case keys: none (popularity), {@code neighbors} (item-kNN), {@code
   *     rp3_alpha, rp3_beta, neighbors} (RP3beta), {@code lambda} (EASE), the keys of {@link #configIals} (iALS)
   */
  Candidate candidate(ModelKind kind, Map<String, Object> hyperparameters) {
    return switch (kind) {
      case POPULARITY -> popularity();
      case ITEMKNN -> itemKnn((Integer) hyperparameters.get("neighbors"));
      case RP3BETA -> rp3beta(((Number) hyperparameters.get("rp3_alpha")).doubleValue(),
          ((Number) hyperparameters.get("rp3_beta")).doubleValue(), ((Number) hyperparameters.get("neighbors")).intValue());
      case EASE -> ease((Double) hyperparameters.get("lambda"));
      case IALS -> ials(hyperparameters);
      case BLEND -> throw new IllegalArgumentException("a blend is built from its tuned parts (Tuner.blend)");
    };
  }

  /**
   * iALS with the given values ({@code model.<key>} overrides of the training config); the other model
   * keys as in the config.
   *
   * @throws com.marquee.common.config.ConfigException if a value is invalid (names the key)
   */
  Candidate ials(Map<String, Object> hyperparameters) {
    TrainingConfig.Model m = ConfigLoader.load(trainingConfigFile, TrainingConfig.class, env,
        TrainingConfig.modelOverrides(hyperparameters)).model();
    return new Candidate(ModelKind.IALS, hyperparameters, d -> {
      IalsTrainer.Factors f = new IalsTrainer(m).train(d.fit(), null);
      return d.newUsers()
          ? new IalsFoldInScorer(f.items(), new IalsSolver(m.factors(), m.objective()))
          : new IalsScorer(f.users(), f.items());
    });
  }
}
