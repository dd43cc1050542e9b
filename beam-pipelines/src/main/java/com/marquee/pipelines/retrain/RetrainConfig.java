package com.marquee.pipelines.retrain;

/**
 * Typed form of {@code configs/retrain.yaml}; every key is documented in that file. Each record
 * validates its keys and throws {@link IllegalArgumentException} naming the key.
 */
public record RetrainConfig(Feedback feedback, Pipeline pipeline, Server server) {

  /**
   * @param dbPath SQLite file with the {@code feedback} table
   * @param watchRating stars a {@code watch} event becomes, in [0.5, 5]
   * @param clickRating stars a {@code click} event becomes, in [0.5, 5], or 0 to ignore clicks
   * @param minNewEvents fewest new events that start a retrain, >= 1
   * @param skipRating stars a {@code skip} event becomes, in [0.5, 5] and below the data config's
   *     {@code implicit.min_rating} (checked by {@link RetrainMain}), so that it is the latest rating of
   *     its (user, movie) pair and not a positive; 0 ignores skips; absent = {@value #DEFAULT_SKIP_RATING}
   */
  public record Feedback(String dbPath, double watchRating, double clickRating, int minNewEvents, Double skipRating) {

    /** {@code feedback.skip_rating} when absent. */
    public static final double DEFAULT_SKIP_RATING = 0.5;

    /** Settings with the default {@code skip_rating}. */
    public Feedback(String dbPath, double watchRating, double clickRating, int minNewEvents) {
      this(dbPath, watchRating, clickRating, minNewEvents, null);
    }

    public Feedback {
      skipRating = skipRating == null ? DEFAULT_SKIP_RATING : skipRating;
      require(skipRating == 0 || (skipRating >= 0.5 && skipRating <= 5),
          "feedback.skip_rating must be 0 (ignore skips) or in [0.5, 5], got " + skipRating);
      require(dbPath != null && !dbPath.isBlank(), "feedback.db_path must not be empty");
      require(watchRating >= 0.5 && watchRating <= 5, "feedback.watch_rating must be in [0.5, 5], got " + watchRating);
      require(clickRating == 0 || (clickRating >= 0.5 && clickRating <= 5),
          "feedback.click_rating must be 0 (ignore clicks) or in [0.5, 5], got " + clickRating);
      require(minNewEvents >= 1, "feedback.min_new_events must be >= 1, got " + minNewEvents);
    }
  }

  /**
   * @param dataConfig data config of the pipeline run (its input.dir is the base data set)
   * @param trainingConfig training config of the pipeline run
   * @param retrainDir per-run merged data sets and {@code state.json}, relative to the work directory
   */
  public record Pipeline(String dataConfig, String trainingConfig, String retrainDir) {
    public Pipeline {
      require(dataConfig != null && !dataConfig.isBlank(), "pipeline.data_config must not be empty");
      require(trainingConfig != null && !trainingConfig.isBlank(), "pipeline.training_config must not be empty");
      require(retrainDir != null && !retrainDir.isBlank(), "pipeline.retrain_dir must not be empty");
    }
  }

  /** @param url server to reload after a promotion, or empty for none */
  public record Server(String url) {
    public Server {
      url = url == null ? "" : url.strip();
      require(url.isEmpty() || url.matches("(?i)https?://.+"), "server.url must be empty or an http(s):// URL, got " + url);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
