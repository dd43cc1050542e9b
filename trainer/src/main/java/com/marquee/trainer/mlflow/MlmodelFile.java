package com.marquee.trainer.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.common.artifact.ModelArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The {@code MLmodel} file of a model version: MLflow's model descriptor (YAML,
 * https://mlflow.org/docs/latest/models.html#storage-format), so that MLflow's model tools ({@code
 * mlflow.models.get_model_info("models:/marquee-ials@production")}, {@code Model.load}, the UI)
 * recognise the uploaded artifact set and show what it is.
 *
 * <p>Fields as MLflow 2.17.2 writes them: {@code artifact_path} ({@code model}), {@code flavors},
 * {@code mlflow_version} ({@value #MLFLOW_VERSION}: the release whose format this follows and that
 * the integration test loads it with), {@code model_size_bytes} (the other files of the version),
 * {@code model_uuid} (random, 32 hex digits), {@code run_id}, {@code signature} and {@code
 * utc_time_created} ({@code yyyy-MM-dd HH:mm:ss.SSSSSS}, UTC).
 *
 * <p>One flavor, {@value #FLAVOR}, with metadata describing the files (role, format, dtype and shape
 * of the embeddings, the FAISS index factory and metric) and the scoring rule. There is deliberately
 * no {@code python_function} flavor: Marquee serves its models from Java (helidon-service); a pyfunc
 * loader would be a second implementation of the scoring and filters to keep equal, so {@code
 * mlflow.pyfunc.load_model} reports that the model has no pyfunc flavor.
 *
 * <p>The signature describes the embeddings as tensors: input {@code user_embedding} float32
 * {@code [-1, factors]} (rows of {@code user_embeddings.npy}, or folded-in vectors), output {@code
 * item_scores} float32 {@code [-1, items]} = the inner products with every row of {@code
 * item_embeddings.npy}.
 */
public final class MlmodelFile {

  /** File name, in the version directory and under the run's {@code model/} artifacts. */
  public static final String FILE = "MLmodel";
  /** The flavor name. */
  public static final String FLAVOR = "marquee_ials";
  /** The MLflow release whose {@code MLmodel} format is written (and tested against). */
  public static final String MLFLOW_VERSION = "2.17.2";
  /** Where the version's files are in the run's artifacts. */
  public static final String ARTIFACT_PATH = "model";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private MlmodelFile() {}

  /**
   * Writes {@code <versionDir>/MLmodel} for the artifacts in {@code versionDir}.
   *
   * @param artifacts what was written into {@code versionDir} (shapes, metadata)
   * @param runId the MLflow run the files are logged to
   * @return the MLmodel content as written (for {@link #logModelHistory})
   * @throws IOException if the directory cannot be listed or the file cannot be written
   */
  public static Map<String, Object> write(Path versionDir, ModelArtifacts artifacts, String runId, Instant now)
      throws IOException {
    Map<String, Object> m = describe(versionDir, artifacts, runId, now);
    YAML.writeValue(versionDir.resolve(FILE).toFile(), m);
    return m;
  }

  /**
   * The value of the run tag {@code mlflow.log-model.history} that MLflow's {@code log_model} sets
   * and its UI reads to link a run to its logged model: a JSON list with the model's {@code
   * run_id}, {@code artifact_path}, {@code utc_time_created}, {@code model_uuid} and {@code flavors}.
   */
  public static String logModelHistory(Map<String, Object> mlmodel) {
    Map<String, Object> entry = new LinkedHashMap<>();
    for (String k : List.of("run_id", "artifact_path", "utc_time_created", "model_uuid", "flavors")) {
      entry.put(k, mlmodel.get(k));
    }
    return json(List.of(entry));
  }

  static Map<String, Object> describe(Path versionDir, ModelArtifacts a, String runId, Instant now)
      throws IOException {
    int factors = a.userFactors().cols();
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("metadata", file(ArtifactFiles.METADATA, "json", "version, data set hashes, hyperparameters, metrics"));
    Map<String, Object> users = file(ArtifactFiles.USER_EMBEDDINGS, "npy", "user factors, row = user_mapping index");
    users.put("dtype", "float32");
    users.put("shape", List.of(a.userFactors().rows(), factors));
    files.put("user_embeddings", users);
    Map<String, Object> items = file(ArtifactFiles.ITEM_EMBEDDINGS, "npy", "item factors, row = item_mapping index");
    items.put("dtype", "float32");
    items.put("shape", List.of(a.itemFactors().rows(), factors));
    files.put("item_embeddings", items);
    files.put("user_mapping", file(ArtifactFiles.USER_MAPPING, "json", "external user id -> row"));
    files.put("item_mapping", file(ArtifactFiles.ITEM_MAPPING, "json", "external movie id -> row"));
    files.put("item_features", file(ArtifactFiles.ITEM_FEATURES, "json", "title, year, genres per movie"));
    Map<String, Object> index = file(ArtifactFiles.ITEM_INDEX, "faiss", "FAISS index of item_embeddings");
    index.put("factory", String.valueOf(a.metadata().hyperparameters().get("index_factory")));
    index.put("metric", "inner_product");
    files.put("item_index", index);
    files.put("user_items", file(ArtifactFiles.USER_ITEMS, "csr (magic MQUI, little-endian)",
        "training items and weights per user"));
    files.put("popularity", file(ArtifactFiles.POPULARITY, "json", "popularity ranking, cold-start fallback"));
    if (Files.isRegularFile(versionDir.resolve(ArtifactFiles.TRAINING_CONFIG))) {
      files.put("training_config", file(ArtifactFiles.TRAINING_CONFIG, "yaml", "effective trainer config"));
    }
    if (Files.isRegularFile(versionDir.resolve(ArtifactFiles.DATA_CONFIG))) {
      files.put("data_config", file(ArtifactFiles.DATA_CONFIG, "yaml", "effective data config"));
    }

    Map<String, Object> flavor = new LinkedHashMap<>();
    flavor.put("marquee_version", a.metadata().version());
    flavor.put("algorithm", String.valueOf(a.metadata().hyperparameters().get("algorithm")));
    flavor.put("factors", factors);
    flavor.put("users", a.userFactors().rows());
    flavor.put("items", a.itemFactors().rows());
    flavor.put("score", "dot(user_embeddings[user], item_embeddings[item])");
    flavor.put("served_by", "Marquee helidon-service (Java); no Python loader");
    flavor.put("files", files);

    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("inputs", json(List.of(tensor("user_embedding", factors))));
    signature.put("outputs", json(List.of(tensor("item_scores", a.itemFactors().rows()))));
    signature.put("params", null);

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("artifact_path", ARTIFACT_PATH);
    m.put("flavors", Map.of(FLAVOR, flavor));
    m.put("mlflow_version", MLFLOW_VERSION);
    m.put("model_size_bytes", sizeOfFiles(versionDir));
    m.put("model_uuid", UUID.randomUUID().toString().replace("-", ""));
    m.put("run_id", runId);
    m.put("signature", signature);
    m.put("utc_time_created", UTC_TIME.format(now));
    return m;
  }

  private static Map<String, Object> file(String path, String format, String content) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("path", path);
    f.put("format", format);
    f.put("content", content);
    return f;
  }

  /** An MLflow TensorSpec: float32, shape {@code [-1, width]}. */
  private static Map<String, Object> tensor(String name, int width) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("type", "tensor");
    t.put("tensor-spec", Map.of("dtype", "float32", "shape", List.of(-1, width)));
    return t;
  }

  private static long sizeOfFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      long total = 0;
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value, e); // plain maps and lists: cannot happen
    }
  }
}
