package com.marquee.trainer.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The MLflow REST API 2.0 calls Marquee uses, over {@link HttpClient} with Jackson
 * (https://mlflow.org/docs/latest/rest-api.html). Plain REST for everything: the Java
 * {@code mlflow-client} cannot write to the model registry (no create model/version, no aliases)
 * and shells out to Python to upload artifacts (TOOLCHAIN.md).
 *
 * <p>Artifacts are uploaded through the tracking server's artifact proxy ({@code PUT
 * /api/2.0/mlflow-artifacts/artifacts/<path>}). MLflow 2.x proxies a run's artifacts when the run's
 * {@code artifact_uri} is {@code mlflow-artifacts:/<experiment>/<run>/artifacts}, which is what a server
 * started with {@code --artifacts-destination DIR} (and {@code --serve-artifacts}, the default since
 * 2.0) gives new experiments; a plain-path {@code --default-artifact-root} gives plain paths, which
 * cannot be uploaded to over HTTP ({@link #notProxied}).
 *
 * <p>Authentication, as MLflow's own clients: {@code MLFLOW_TRACKING_TOKEN} (bearer) or {@code
 * MLFLOW_TRACKING_USERNAME}/{@code MLFLOW_TRACKING_PASSWORD} (basic). Every call has a 30 s timeout
 * (artifact uploads 300 s). Every failure is an {@link MlflowException} naming the endpoint.
 */
public final class MlflowClient {

  /** Most metrics per {@code runs/log-batch} request (MLflow's documented limit). */
  public static final int MAX_BATCH_METRICS = 1000;
  /** Most params per {@code runs/log-batch} request. */
  public static final int MAX_BATCH_PARAMS = 100;
  /** Most tags per {@code runs/log-batch} request. */
  public static final int MAX_BATCH_TAGS = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param trackingUri {@code http(s)://host:port[/prefix]} of the server
   * @param env environment holding the optional credentials (normally {@link System#getenv()})
   */
  public MlflowClient(String trackingUri, Map<String, String> env) {
    this.base = URI.create(trackingUri.endsWith("/") ? trackingUri : trackingUri + "/");
    String token = env.get("MLFLOW_TRACKING_TOKEN");
    String user = env.get("MLFLOW_TRACKING_USERNAME");
    if (token != null && !token.isBlank()) {
      authorization = "Bearer " + token;
    } else if (user != null && !user.isBlank()) {
      String pass = env.getOrDefault("MLFLOW_TRACKING_PASSWORD", "");
      authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    } else {
      authorization = null;
    }
  }

  /** The server's base URI (with a trailing slash). */
  public URI base() {
    return base;
  }

  /** One metric value. @param timestampMs epoch milliseconds @param step iteration, 0 for a final value */
  public record Metric(String key, double value, long timestampMs, long step) {}

  /**
   * {@code GET experiments/get-by-name}, then {@code POST experiments/create} when it does not exist.
   *
   * @return the experiment id
   */
  public String getOrCreateExperiment(String name) throws MlflowException {
    try {
      JsonNode r = get("experiments/get-by-name?experiment_name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
      return r.path("experiment").path("experiment_id").asText();
    } catch (MlflowException e) {
      if (!"RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) && e.status() != 404) {
        throw e;
      }
    }
    ObjectNode body = JSON.createObjectNode().put("name", name);
    return post("experiments/create", body).path("experiment_id").asText();
  }

  /** A created run: its id and {@code artifact_uri}. */
  public record Run(String runId, String artifactUri) {}

  /**
   * {@code POST runs/create}.
   *
   * @param startTimeMs epoch milliseconds
   * @param userId the run's {@code user_id} (MLflow also reads the tag {@code mlflow.user}); null for none
   */
  public Run createRun(String experimentId, String runName, long startTimeMs, String userId, Map<String, String> tags)
      throws MlflowException {
    ObjectNode body = JSON.createObjectNode().put("experiment_id", experimentId).put("run_name", runName)
        .put("start_time", startTimeMs);
    if (userId != null) {
      body.put("user_id", userId);
    }
    body.set("tags", keyValues(tags));
    JsonNode info = post("runs/create", body).path("run").path("info");
    return new Run(info.path("run_id").asText(), info.path("artifact_uri").asText());
  }

  /**
   * {@code POST runs/log-batch}, split into as many requests as MLflow's per-request limits need.
   */
  public void logBatch(String runId, List<Metric> metrics, Map<String, String> params, Map<String, String> tags)
      throws MlflowException {
    List<Map.Entry<String, String>> p = List.copyOf(params.entrySet());
    List<Map.Entry<String, String>> t = List.copyOf(tags.entrySet());
    int mi = 0, pi = 0, ti = 0;
    while (mi < metrics.size() || pi < p.size() || ti < t.size()) {
      ObjectNode body = JSON.createObjectNode().put("run_id", runId);
      ArrayNode ms = body.putArray("metrics");
      for (int n = 0; n < MAX_BATCH_METRICS - MAX_BATCH_PARAMS - MAX_BATCH_TAGS && mi < metrics.size(); n++, mi++) {
        Metric m = metrics.get(mi);
        ms.addObject().put("key", m.key()).put("value", m.value()).put("timestamp", m.timestampMs()).put("step", m.step());
      }
      ArrayNode ps = body.putArray("params");
      for (int n = 0; n < MAX_BATCH_PARAMS && pi < p.size(); n++, pi++) {
        ps.addObject().put("key", p.get(pi).getKey()).put("value", p.get(pi).getValue());
      }
      ArrayNode ts = body.putArray("tags");
      for (int n = 0; n < MAX_BATCH_TAGS && ti < t.size(); n++, ti++) {
        ts.addObject().put("key", t.get(ti).getKey()).put("value", t.get(ti).getValue());
      }
      post("runs/log-batch", body);
    }
  }

  /** {@code POST runs/set-tag}. */
  public void setTag(String runId, String key, String value) throws MlflowException {
    post("runs/set-tag", JSON.createObjectNode().put("run_id", runId).put("key", key).put("value", value));
  }

  /** {@code POST runs/update}. @param status FINISHED or FAILED @param endTimeMs epoch milliseconds */
  public void updateRun(String runId, String status, long endTimeMs) throws MlflowException {
    post("runs/update", JSON.createObjectNode().put("run_id", runId).put("status", status).put("end_time", endTimeMs));
  }

  /**
   * Uploads {@code file} to {@code <artifactUri>/<relativePath>} through the artifact proxy ({@code PUT
   * /api/2.0/mlflow-artifacts/artifacts/...}).
   *
   * @param artifactUri a run's {@code mlflow-artifacts:/...} artifact URI
   * @throws MlflowException if the URI is not proxied (see {@link #notProxied}) or the upload fails
   */
  public void uploadArtifact(String artifactUri, String relativePath, Path file) throws MlflowException {
    String prefix = "mlflow-artifacts:";
    if (!artifactUri.startsWith(prefix)) {
      throw new MlflowException(notProxied(artifactUri), -1, null, null);
    }
    String path = artifactUri.substring(prefix.length()).replaceFirst("^/+", "");
    if (path.contains("://")) { // mlflow-artifacts://host:port/path
      path = URI.create(artifactUri).getPath().replaceFirst("^/+", "");
    }
    String full = (path.isEmpty() ? "" : path + "/") + relativePath;
    StringBuilder encoded = new StringBuilder();
    for (String seg : full.split("/")) {
      encoded.append('/').append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    try {
      HttpRequest r = builder("api/2.0/mlflow-artifacts/artifacts" + encoded, Duration.ofSeconds(300))
          .header("Content-Type", "application/octet-stream")
          .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
      send(r, "mlflow-artifacts/artifacts");
    } catch (java.io.FileNotFoundException e) {
      throw new MlflowException("artifact upload: " + file + " missing", -1, null, e);
    }
  }

  /**
   * Why a run whose {@code artifact_uri} is not {@code mlflow-artifacts:} cannot take uploads, and the
   * fix. Such a URI (a plain path, {@code file:}, {@code s3:}, ...) comes from the experiment's
   * artifact location, which the server took from {@code --default-artifact-root} when the
   * experiment was created: with a plain-path root, {@code --serve-artifacts} changes nothing for it.
   * The fix is a server started with {@code --artifacts-destination DIR} and no plain {@code
   * --default-artifact-root} (or with {@code --default-artifact-root mlflow-artifacts:/}), and an
   * experiment created after that, since an experiment keeps its artifact location.
   */
  static String notProxied(String artifactUri) {
    return "run artifact_uri " + artifactUri + " is not proxied by the tracking server (it is not mlflow-artifacts:), "
        + "so Marquee cannot upload to it: start `mlflow server` with `--artifacts-destination DIR` instead of a "
        + "plain-path `--default-artifact-root` (or with `--default-artifact-root mlflow-artifacts:/`), then use a "
        + "new experiment (mlflow.experiment): an existing experiment keeps its artifact location";
  }

  /**
   * {@code POST registered-models/create}; a model that exists already ({@code RESOURCE_ALREADY_EXISTS})
   * is fine.
   */
  public void createRegisteredModelIfMissing(String name) throws MlflowException {
    try {
      post("registered-models/create", JSON.createObjectNode().put("name", name));
    } catch (MlflowException e) {
      if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
        throw e;
      }
    }
  }

  /**
   * {@code POST model-versions/create}.
   *
   * @param source where the model files are, e.g. the run's artifact URI + {@code /model}
   * @return the new version number (MLflow numbers versions 1, 2, ... per registered model)
   */
  public String createModelVersion(String name, String source, String runId, Map<String, String> tags)
      throws MlflowException {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("source", source).put("run_id", runId);
    body.set("tags", keyValues(tags));
    return post("model-versions/create", body).path("model_version").path("version").asText();
  }

  /** {@code POST registered-models/alias}: points {@code alias} of model {@code name} at {@code version}. */
  public void setAlias(String name, String alias, String version) throws MlflowException {
    post("registered-models/alias", JSON.createObjectNode().put("name", name).put("alias", alias).put("version", version));
  }

  /** {@code DELETE registered-models/alias}: removes {@code alias} of model {@code name} (no error if it is not set). */
  public void deleteAlias(String name, String alias) throws MlflowException {
    call("DELETE", "registered-models/alias", JSON.createObjectNode().put("name", name).put("alias", alias));
  }

  private ArrayNode keyValues(Map<String, String> kv) {
    ArrayNode a = JSON.createArrayNode();
    kv.forEach((k, v) -> a.addObject().put("key", k).put("value", v));
    return a;
  }

  private JsonNode get(String endpoint) throws MlflowException {
    HttpRequest r = builder("api/2.0/mlflow/" + endpoint, Duration.ofSeconds(30)).GET().build();
    return send(r, endpoint.replaceFirst("\\?.*", ""));
  }

  private JsonNode post(String endpoint, ObjectNode body) throws MlflowException {
    return call("POST", endpoint, body);
  }

  private JsonNode call(String method, String endpoint, ObjectNode body) throws MlflowException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new MlflowException(endpoint + ": cannot encode request: " + e.getMessage(), -1, null, e);
    }
    HttpRequest r = builder("api/2.0/mlflow/" + endpoint, Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    return send(r, endpoint);
  }

  private HttpRequest.Builder builder(String path, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private JsonNode send(HttpRequest r, String endpoint) throws MlflowException {
    HttpResponse<String> res;
    try {
      res = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new MlflowException("MLflow " + endpoint + " at " + base + ": " + e, -1, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowException("MLflow " + endpoint + ": interrupted", -1, null, e);
    }
    JsonNode body;
    try {
      body = res.body() == null || res.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(res.body());
    } catch (IOException e) {
      body = JSON.createObjectNode().put("message", res.body());
    }
    if (res.statusCode() / 100 != 2) {
      String code = body.path("error_code").asText(null);
      String msg = body.path("message").asText(res.body());
      throw new MlflowException("MLflow " + endpoint + ": HTTP " + res.statusCode() + (code == null ? "" : " " + code)
          + ": " + msg, res.statusCode(), code, null);
    }
    return body;
  }
}
