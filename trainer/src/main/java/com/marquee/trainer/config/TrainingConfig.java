package com.marquee.trainer.config;

import java.util.List;

/**
 * Typed form of {@code configs/training.yaml}; see that file for what every key means. Each record
 * validates its keys and throws {@link IllegalArgumentException} naming the key.
 */
public record TrainingConfig(
    Model model, Baselines baselines, Evaluation evaluation, Index index, Registry registry, Mlflow mlflow,
    ServedModel servedModel, Content content) {

  /** Environment variable of MLflow's own clients naming the tracking server; overrides {@code mlflow.tracking_uri}. */
  public static final String MLFLOW_TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";

  /** A config without MLflow tracking. */
  public TrainingConfig(Model model, Baselines baselines, Evaluation evaluation, Index index, Registry registry) {
    this(model, baselines, evaluation, index, registry, Mlflow.OFF, ServedModel.DEFAULT, Content.DEFAULTS);
  }

  /** A config with the default content mapping. */
  public TrainingConfig(
      Model model, Baselines baselines, Evaluation evaluation, Index index, Registry registry, Mlflow mlflow,
      ServedModel servedModel) {
    this(model, baselines, evaluation, index, registry, mlflow, servedModel, Content.DEFAULTS);
  }

  public TrainingConfig {
    if (mlflow == null) {
      mlflow = Mlflow.OFF;
    }
    if (servedModel == null) {
      servedModel = ServedModel.DEFAULT;
    }
    if (content == null) {
      content = Content.DEFAULTS;
    }
  }

  /**
   * This config with {@code mlflow.tracking_uri} taken from {@code env}'s {@value #MLFLOW_TRACKING_URI_ENV}
   * when that is set and not empty (the variable MLflow's own clients read; it beats the file).
   *
   * @throws IllegalArgumentException if the variable is not an http(s) URI
   */
  public TrainingConfig withEnvironment(java.util.Map<String, String> env) {
    String uri = env.get(MLFLOW_TRACKING_URI_ENV);
    if (uri == null || uri.isBlank()) {
      return this;
    }
    return new TrainingConfig(model, baselines, evaluation, index, registry,
        new Mlflow(uri.strip(), mlflow.experiment(), mlflow.registeredModel()), servedModel, content);
  }

  /**
   * iALS hyperparameters: Hu, Koren, Volinsky (2008) or Rendle, Krichene, Zhang, Koren (2022), per
   * {@code variant} (see {@link com.marquee.common.als.IalsObjective}).
   */
  public record Model(
      int factors, int iterations, double regularization, double alpha, double initStd, long seed, int threads,
      Solver solver, int cgSteps, Variant variant, double alpha0, double regExponent) {
    public Model {
      require(solver != null, "model.solver must be cholesky or cg");
      require(variant != null, "model.variant must be hu or rendle");
      require(cgSteps >= 1, "model.cg_steps must be >= 1, got " + cgSteps);
      require(factors >= 1, "model.factors must be >= 1, got " + factors);
      require(iterations >= 1, "model.iterations must be >= 1, got " + iterations);
      require(regularization >= 0, "model.regularization must be >= 0, got " + regularization);
      require(alpha >= 0, "model.alpha must be >= 0, got " + alpha);
      require(alpha0 > 0, "model.alpha0 must be > 0, got " + alpha0);
      require(regExponent >= 0, "model.reg_exponent must be >= 0, got " + regExponent);
      require(initStd > 0, "model.init_std must be > 0, got " + initStd);
      require(threads >= 0, "model.threads must be >= 0 (0 = all cores), got " + threads);
    }

    /** Hu et al.'s variant (alpha0 and reg_exponent unused). */
    public Model(
        int factors, int iterations, double regularization, double alpha, double initStd, long seed, int threads,
        Solver solver, int cgSteps) {
      this(factors, iterations, regularization, alpha, initStd, seed, threads, solver, cgSteps, Variant.HU, 1.0, 0.0);
    }

    /** Worker threads to use: {@code threads}, or the number of available cores when 0. */
    public int effectiveThreads() {
      return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The objective the sweeps minimise, as the solvers in {@code common} take it. */
    public com.marquee.common.als.IalsObjective objective() {
      return variant == Variant.RENDLE
          ? com.marquee.common.als.IalsObjective.rendle(regularization, alpha0, regExponent)
          : com.marquee.common.als.IalsObjective.hu(regularization, alpha);
    }
  }

  /** The iALS formulation (see {@link com.marquee.common.als.IalsObjective}). */
  public enum Variant {
    /** Hu, Koren, Volinsky (2008): confidence {@code 1 + alpha w}, constant lambda. */
    @com.fasterxml.jackson.annotation.JsonProperty("hu") HU,
    /** Rendle et al. (2022): unobserved weight alpha0, regularization scaled by frequency^reg_exponent. */
    @com.fasterxml.jackson.annotation.JsonProperty("rendle") RENDLE
  }

  /** Per-row least-squares solver of the iALS sweeps. */
  public enum Solver {
    /** Exact: EJML Cholesky of the f x f system (Hu et al. 2008). */
    @com.fasterxml.jackson.annotation.JsonProperty("cholesky") CHOLESKY,
    /** Approximate: {@code cg_steps} warm-started conjugate-gradient steps (Takacs et al. 2011). */
    @com.fasterxml.jackson.annotation.JsonProperty("cg") CG
  }

  public record Baselines(int itemknnNeighbors) {
    public Baselines {
      require(itemknnNeighbors >= 1, "baselines.itemknn_neighbors must be >= 1, got " + itemknnNeighbors);
    }
  }

  public record Evaluation(List<Integer> ks) {
    public Evaluation {
      require(ks != null && !ks.isEmpty(), "evaluation.ks must list at least one cutoff");
      for (Integer k : ks) {
        require(k != null && k >= 1, "evaluation.ks entries must be >= 1, got " + k);
      }
      ks = List.copyOf(ks);
    }
  }

  public record Index(String factory) {
    public Index {
      require(factory != null && !factory.isBlank(), "index.factory must not be empty");
    }
  }

  public record Registry(String dir, String production, String promotionMetric, double minImprovement) {
    public Registry {
      require(dir != null && !dir.isBlank(), "registry.dir must not be empty");
      require(production != null && !production.isBlank(), "registry.production must not be empty");
      require(promotionMetric != null && promotionMetric.matches("[a-z]+@\\d+"),
          "registry.promotion_metric must look like ndcg@10, got " + promotionMetric);
      require(minImprovement >= 0, "registry.min_improvement must be >= 0, got " + minImprovement);
    }
  }

  /**
   * The content mapping that gives items without interactions an embedding (common {@code
   * com.marquee.common.content}): ridge regression of the iALS item factors on content features
   * (Gantner et al., ICDM 2010), and the featurizer's thresholds and group weights.
   *
   * @param regularization λ of {@code ||X W - V||² + λ||W||²} (the intercept unpenalised), {@code >= 0}
   * @param minTitleCount a title token is a feature when at least this many catalog movies have it, {@code >= 1}
   * @param minTagCount a tags.csv token is a feature when at least this many catalog movies have it, {@code >= 1}
   * @param yearBucketYears width of a year bucket in years, {@code >= 1}
   * @param genreWeight L2 norm of the genre group, {@code >= 0}
   * @param yearWeight value of the year bucket, {@code >= 0}
   * @param titleWeight L2 norm of the title-token group, {@code >= 0}
   * @param tagWeight L2 norm of the tag-token group, {@code >= 0}
   */
  public record Content(
      double regularization, int minTitleCount, int minTagCount, int yearBucketYears, double genreWeight,
      double yearWeight, double titleWeight, double tagWeight) {

    /** λ 10 and the featurizer's defaults ({@link com.marquee.common.content.ContentFeatures.Params#DEFAULTS}). */
    public static final Content DEFAULTS = new Content(10.0, 5, 3, 10, 1.0, 1.0, 1.0, 1.0);

    public Content {
      require(regularization >= 0 && Double.isFinite(regularization),
          "content.regularization must be >= 0, got " + regularization);
      require(minTitleCount >= 1, "content.min_title_count must be >= 1, got " + minTitleCount);
      require(minTagCount >= 1, "content.min_tag_count must be >= 1, got " + minTagCount);
      require(yearBucketYears >= 1, "content.year_bucket_years must be >= 1, got " + yearBucketYears);
      require(genreWeight >= 0, "content.genre_weight must be >= 0, got " + genreWeight);
      require(yearWeight >= 0, "content.year_weight must be >= 0, got " + yearWeight);
      require(titleWeight >= 0, "content.title_weight must be >= 0, got " + titleWeight);
      require(tagWeight >= 0, "content.tag_weight must be >= 0, got " + tagWeight);
    }

    /** The featurizer parameters of these keys. */
    public com.marquee.common.content.ContentFeatures.Params featureParams() {
      return new com.marquee.common.content.ContentFeatures.Params(
          minTitleCount, minTagCount, yearBucketYears, genreWeight, yearWeight, titleWeight, tagWeight);
    }
  }

  /**
   * MLflow tracking and model registry (REST API 2.0). Off when {@code trackingUri} is empty.
   *
   * @param trackingUri {@code http(s)://host:port} of an MLflow 2.x server, or empty for none
   * @param experiment experiment name, created when missing
   * @param registeredModel registered model name, created when missing
   */
  public record Mlflow(String trackingUri, String experiment, String registeredModel) {
    /** No tracking server. */
    public static final Mlflow OFF = new Mlflow("", "marquee", "marquee-ials");

    public Mlflow {
      trackingUri = trackingUri == null ? "" : trackingUri.strip();
      require(trackingUri.isEmpty() || trackingUri.matches("(?i)https?://.+"),
          "mlflow.tracking_uri must be empty or an http(s):// URL of an MLflow server, got " + trackingUri);
      require(experiment != null && !experiment.isBlank(), "mlflow.experiment must not be empty");
      require(registeredModel != null && !registeredModel.isBlank(), "mlflow.registered_model must not be empty");
    }

    /** Whether a tracking server is configured. */
    public boolean enabled() {
      return !trackingUri.isEmpty();
    }
  }

  /**
   * What the version's served factors are fitted on, after the evaluation.
   *
   * @param fitOn {@link FitOn#ALL} (default) or {@link FitOn#TRAIN}
   */
  public record ServedModel(FitOn fitOn) {
    /** Refit on every interaction. */
    public static final ServedModel DEFAULT = new ServedModel(FitOn.ALL);

    public ServedModel {
      require(fitOn != null, "served_model.fit_on must be all or train");
    }
  }

  /** The interactions the served factors are fitted on. */
  public enum FitOn {
    /**
     * Train + validation + test: the evaluated hyperparameters refit on every cleaned interaction, so
     * the most recent ratings shape the served model; the recorded metrics stay those of the train-only fit.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("all") ALL,
    /** The training split only: the served factors are exactly the evaluated ones. */
    @com.fasterxml.jackson.annotation.JsonProperty("train") TRAIN
  }

  /**
   * Config overrides setting {@code model.<key>} to each value, e.g. {@code factors -> 64} becomes
   * {@code model.factors -> "64"}: how a search trial's point becomes a training config
   * ({@code ConfigLoader.load(file, TrainingConfig.class, env, overrides)}), in the point's order.
   */
  public static java.util.Map<String, String> modelOverrides(java.util.Map<String, Object> hyperparameters) {
    java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();
    hyperparameters.forEach((k, v) -> overrides.put("model." + k, String.valueOf(v)));
    return overrides;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
