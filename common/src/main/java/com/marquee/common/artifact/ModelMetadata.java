package com.marquee.common.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code model_metadata.json} (SPEC §4): what a model version is, what it was trained on and how
 * well it did.
 *
 * @param version registry version id, e.g. {@code 20261122T140501Z-3f2a1c}
 * @param trainedAt ISO-8601 UTC instant the training finished
 * @param dataset the training data's identity
 * @param hyperparameters the iALS hyperparameters and seed (keys as in {@code configs/training.yaml})
 * @param metrics model name ({@code ials}, {@code popularity}, {@code itemknn}) to split ({@code val},
 *     {@code test}) to metric name ({@code ndcg@10}, {@code recall@20}, {@code coverage@10}, ...) to value
 * @param baselines the model names in {@code metrics} that are baselines
 * @param gitCommit commit of the code that trained the model, or {@code null} outside a git checkout
 * @param mlflowRunId MLflow run id, or {@code null} when trained without a tracking server
 */
public record ModelMetadata(
    String version,
    String trainedAt,
    DatasetInfo dataset,
    Map<String, Object> hyperparameters,
    Map<String, Map<String, Map<String, Double>>> metrics,
    List<String> baselines,
    String gitCommit,
    String mlflowRunId) {

  /**
   * @param name data set name, e.g. {@code ml-latest-small}
   * @param sha256 SHA-256 over the raw input files (names and bytes, in name order), hex
   * @param files input file name to its own SHA-256, hex
   * @param counts e.g. {@code users}, {@code items}, {@code train_interactions}, ...
   * @param minRating {@code implicit.min_rating} of the data config: a rating (stars) {@code >=} it was a
   *     positive interaction in training, a lower one was not; the server classifies {@code /feedback}
   *     ratings the same way. {@code null} in files written before it was recorded (readers then
   *     assume {@link #DEFAULT_MIN_RATING})
   */
  public record DatasetInfo(String name, String sha256, Map<String, String> files, Map<String, Long> counts,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double minRating) {

    /** The default {@code implicit.min_rating} (configs/data.yaml), assumed when a file does not say. */
    public static final double DEFAULT_MIN_RATING = 4.0;

    /** Data set info without a recorded {@code min_rating}. */
    public DatasetInfo(String name, String sha256, Map<String, String> files, Map<String, Long> counts) {
      this(name, sha256, files, counts, null);
    }

    /** {@link #minRating}, or {@link #DEFAULT_MIN_RATING} when not recorded. */
    public double minRatingOrDefault() {
      return minRating == null ? DEFAULT_MIN_RATING : minRating;
    }
  }

  /**
   * A metric value, e.g. {@code metric("ials", "val", "ndcg@10")}.
   *
   * @return the value, or {@code NaN} when absent
   */
  public double metric(String model, String split, String name) {
    if (metrics == null) {
      return Double.NaN;
    }
    Double v = metrics.getOrDefault(model, Map.of()).getOrDefault(split, Map.of()).get(name);
    return v == null ? Double.NaN : v;
  }

  /**
   * The {@code implicit.min_rating} the model was trained with ({@link DatasetInfo#minRating}), or
   * {@link DatasetInfo#DEFAULT_MIN_RATING} when the file does not record it.
   */
  public double implicitMinRating() {
    return dataset == null ? DatasetInfo.DEFAULT_MIN_RATING : dataset.minRatingOrDefault();
  }

  /** Writes the JSON file. */
  public void write(Path file) throws IOException {
    Json.MAPPER.writeValue(file.toFile(), this);
  }

  /**
   * Reads the JSON file.
   *
   * @throws ArtifactException if {@code version} is missing
   * @throws IOException if unreadable or malformed
   */
  public static ModelMetadata read(Path file) throws IOException {
    ModelMetadata m = Json.MAPPER.readValue(file.toFile(), ModelMetadata.class);
    if (m.version() == null || m.version().isBlank()) {
      throw new ArtifactException(file + ": missing 'version'");
    }
    return m;
  }
}
