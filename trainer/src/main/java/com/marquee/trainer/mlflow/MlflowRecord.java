package com.marquee.trainer.mlflow;

import com.marquee.common.artifact.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mlflow.json} in a model version directory: where the version lives in MLflow, so the
 * registry CLI can move the {@code production} alias later. Absent when the version was trained
 * without a tracking server or tracking failed.
 *
 * @param trackingUri the server
 * @param experimentId experiment of the run
 * @param runId the training run (also {@code mlflow_run_id} in {@code model_metadata.json})
 * @param artifactUri the run's artifact root; the version's files are under {@code <artifactUri>/model}
 * @param registeredModel registered model name
 * @param modelVersion MLflow model version number of this version
 */
public record MlflowRecord(String trackingUri, String experimentId, String runId, String artifactUri,
    String registeredModel, String modelVersion) {

  /** File name inside a version directory. */
  public static final String FILE = "mlflow.json";

  /** Writes {@code <dir>/mlflow.json}. */
  public void write(Path dir) throws IOException {
    Json.MAPPER.writeValue(dir.resolve(FILE).toFile(), this);
  }

  /** Reads {@code <dir>/mlflow.json}, if present. @throws IOException if present and unreadable */
  public static Optional<MlflowRecord> read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    return Optional.of(Json.MAPPER.readValue(f.toFile(), MlflowRecord.class));
  }
}
