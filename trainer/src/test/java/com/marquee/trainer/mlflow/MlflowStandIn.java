package com.marquee.trainer.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A loopback stand-in for an MLflow 2.x tracking server started with {@code --serve-artifacts}, for
 * fault injection only: endpoints told to answer 500 ({@link #failing}), which a real server cannot be
 * made to do. Everything else is tested against a real MLflow 2.17.2 server ({@code
 * MlflowServerTest}, tools/mlflow-server). It implements exactly the REST API 2.0 calls
 * Marquee makes and checks each request against MLflow's documented request schema
 * (https://mlflow.org/docs/latest/rest-api.html): the method, the required fields and the JSON type
 * of every field Marquee sends, the {@code runs/log-batch} limits (1000 metrics, 100 params, 100 tags,
 * 1000 items in all) and that metric/param/tag keys contain no '@'. A request that breaks the schema
 * is answered 400 {@code INVALID_PARAMETER_VALUE} like MLflow does and recorded in {@link #violations()}.
 * It keeps the state MLflow would (experiments, runs with params/metrics/tags/status, uploaded
 * artifact bytes, registered models with numbered versions and aliases) for the tests to inspect.
 */
public final class MlflowStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One run's logged data. */
  public static final class RunData {
    public final String experimentId;
    public final String runName;
    public final Map<String, String> params = new LinkedHashMap<>();
    public final Map<String, String> tags = new LinkedHashMap<>();
    /** key -> values in logging order, each {@code [step, value]}. */
    public final Map<String, List<double[]>> metrics = new LinkedHashMap<>();
    public String status = "RUNNING";

    RunData(String experimentId, String runName) {
      this.experimentId = experimentId;
      this.runName = runName;
    }
  }

  private final HttpServer server;
  public final Map<String, String> experiments = Collections.synchronizedMap(new LinkedHashMap<>());
  public final Map<String, RunData> runs = Collections.synchronizedMap(new LinkedHashMap<>());
  /** artifact path (after {@code /api/2.0/mlflow-artifacts/artifacts/}) -> bytes. */
  public final Map<String, byte[]> artifacts = Collections.synchronizedMap(new LinkedHashMap<>());
  /** registered model -> versions (index + 1 = version number), each the version's run id. */
  public final Map<String, List<String>> modelVersions = Collections.synchronizedMap(new LinkedHashMap<>());
  /** registered model -> alias -> version. */
  public final Map<String, Map<String, String>> aliases = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Every request as {@code "METHOD endpoint"}. */
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  /** Endpoints (e.g. {@code model-versions/create}) that answer 500, to test failure handling. */
  public final Set<String> failing = Collections.synchronizedSet(new java.util.HashSet<>());

  /** Starts on 127.0.0.1, a free port. */
  public MlflowStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/2.0/mlflow/", this::api);
    server.createContext("/api/2.0/mlflow-artifacts/artifacts/", this::artifact);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests that broke MLflow's request schema, one line each. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void artifact(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath().substring("/api/2.0/mlflow-artifacts/artifacts/".length());
    calls.add(ex.getRequestMethod() + " mlflow-artifacts/artifacts");
    if (!ex.getRequestMethod().equals("PUT")) {
      reply(ex, 405, error("ENDPOINT_NOT_FOUND", "artifact upload is PUT"));
      return;
    }
    String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
    // mlflow-artifacts:/<experiment_id>/<run_id>/artifacts/<path>: the run must exist.
    String[] parts = decoded.split("/", 4);
    if (parts.length < 4 || !runs.containsKey(parts[1]) || !parts[2].equals("artifacts")) {
      violation("mlflow-artifacts: path " + decoded + " is not under a run's artifact root");
      reply(ex, 400, error("INVALID_PARAMETER_VALUE", "bad artifact path"));
      return;
    }
    artifacts.put(decoded, ex.getRequestBody().readAllBytes());
    reply(ex, 200, JSON.createObjectNode());
  }

  private void api(HttpExchange ex) throws IOException {
    String endpoint = ex.getRequestURI().getPath().substring("/api/2.0/mlflow/".length());
    String method = ex.getRequestMethod();
    calls.add(method + " " + endpoint);
    if (failing.contains(endpoint)) {
      reply(ex, 500, error("INTERNAL_ERROR", "stand-in told to fail " + endpoint));
      return;
    }
    try {
      boolean hasBody = method.equals("POST") || method.equals("DELETE");
      JsonNode body = hasBody ? JSON.readTree(ex.getRequestBody().readAllBytes()) : null;
      if (hasBody && (body == null || !body.isObject())) {
        throw new Bad(endpoint + ": body must be a JSON object");
      }
      ObjectNode out = handle(method, endpoint, ex.getRequestURI().getRawQuery(), body);
      reply(ex, 200, out);
    } catch (Bad b) {
      violation(b.getMessage());
      reply(ex, 400, error("INVALID_PARAMETER_VALUE", b.getMessage()));
    } catch (Missing m) {
      reply(ex, 404, error("RESOURCE_DOES_NOT_EXIST", m.getMessage()));
    } catch (Exists e) {
      reply(ex, 400, error("RESOURCE_ALREADY_EXISTS", e.getMessage()));
    }
  }

  private ObjectNode handle(String method, String endpoint, String query, JsonNode b) throws Bad, Missing, Exists {
    ObjectNode out = JSON.createObjectNode();
    switch (method + " " + endpoint) {
      case "GET experiments/get-by-name" -> {
        String name = queryParam(query, "experiment_name");
        if (name == null || name.isEmpty()) {
          throw new Bad("experiments/get-by-name: experiment_name is required");
        }
        String id = experiments.get(name);
        if (id == null) {
          throw new Missing("Could not find experiment with name '" + name + "'");
        }
        out.putObject("experiment").put("experiment_id", id).put("name", name).put("lifecycle_stage", "active");
      }
      case "POST experiments/create" -> {
        String name = string(b, "name", true, endpoint);
        only(b, endpoint, "name", "artifact_location", "tags");
        if (experiments.containsKey(name)) {
          throw new Exists("Experiment '" + name + "' already exists.");
        }
        String id = Integer.toString(experiments.size() + 1);
        experiments.put(name, id);
        out.put("experiment_id", id);
      }
      case "POST runs/create" -> {
        String exp = string(b, "experiment_id", true, endpoint);
        string(b, "run_name", false, endpoint);
        string(b, "user_id", false, endpoint);
        int64(b, "start_time", false, endpoint);
        only(b, endpoint, "experiment_id", "user_id", "run_name", "start_time", "tags");
        if (!experiments.containsValue(exp)) {
          throw new Missing("No Experiment with id=" + exp + " exists");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        RunData run = new RunData(exp, b.path("run_name").asText(null));
        keyValues(b, "tags", endpoint, run.tags);
        runs.put(id, run);
        ObjectNode info = out.putObject("run").putObject("info");
        info.put("run_id", id).put("run_uuid", id).put("experiment_id", exp).put("status", "RUNNING")
            .put("artifact_uri", "mlflow-artifacts:/" + exp + "/" + id + "/artifacts");
      }
      case "POST runs/log-batch" -> {
        RunData run = run(b, endpoint);
        only(b, endpoint, "run_id", "metrics", "params", "tags");
        int m = array(b, "metrics", endpoint), p = array(b, "params", endpoint), t = array(b, "tags", endpoint);
        if (m > 1000 || p > 100 || t > 100 || m + p + t > 1000) {
          throw new Bad("runs/log-batch: too many items: " + m + " metrics, " + p + " params, " + t + " tags");
        }
        for (JsonNode metric : b.path("metrics")) {
          String key = string(metric, "key", true, endpoint + " metrics[]");
          checkKey(key, endpoint);
          if (!metric.path("value").isNumber()) {
            throw new Bad(endpoint + ": metrics[].value must be a number");
          }
          int64(metric, "timestamp", true, endpoint + " metrics[]");
          int64(metric, "step", false, endpoint + " metrics[]");
          run.metrics.computeIfAbsent(key, k -> new ArrayList<>())
              .add(new double[] {metric.path("step").asLong(0), metric.get("value").doubleValue()});
        }
        keyValues(b, "params", endpoint, run.params);
        keyValues(b, "tags", endpoint, run.tags);
      }
      case "POST runs/set-tag" -> {
        RunData run = run(b, endpoint);
        String key = string(b, "key", true, endpoint);
        checkKey(key, endpoint);
        run.tags.put(key, string(b, "value", true, endpoint));
      }
      case "POST runs/update" -> {
        RunData run = run(b, endpoint);
        String status = string(b, "status", false, endpoint);
        if (status != null && !Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED").contains(status)) {
          throw new Bad("runs/update: status must be a RunStatus, got " + status);
        }
        int64(b, "end_time", false, endpoint);
        run.status = status == null ? run.status : status;
        out.putObject("run_info").put("run_id", b.get("run_id").asText()).put("status", run.status);
      }
      case "POST registered-models/create" -> {
        String name = string(b, "name", true, endpoint);
        only(b, endpoint, "name", "tags", "description");
        if (modelVersions.containsKey(name)) {
          throw new Exists("Registered Model (name=" + name + ") already exists.");
        }
        modelVersions.put(name, Collections.synchronizedList(new ArrayList<>()));
        out.putObject("registered_model").put("name", name);
      }
      case "POST model-versions/create" -> {
        String name = string(b, "name", true, endpoint);
        String source = string(b, "source", true, endpoint);
        String runId = string(b, "run_id", false, endpoint);
        string(b, "run_link", false, endpoint);
        string(b, "description", false, endpoint);
        only(b, endpoint, "name", "source", "run_id", "tags", "run_link", "description");
        keyValues(b, "tags", endpoint, new LinkedHashMap<>());
        List<String> versions = modelVersions.get(name);
        if (versions == null) {
          throw new Missing("Registered Model with name=" + name + " not found");
        }
        if (runId != null && !runs.containsKey(runId)) {
          throw new Missing("Run with id=" + runId + " not found");
        }
        if (runId != null && !source.startsWith("mlflow-artifacts:/" + runs.get(runId).experimentId + "/" + runId)) {
          throw new Bad("model-versions/create: source " + source + " is not inside run " + runId);
        }
        versions.add(runId);
        out.putObject("model_version").put("name", name).put("version", Integer.toString(versions.size()))
            .put("source", source).put("status", "READY");
      }
      case "POST registered-models/alias" -> {
        String name = string(b, "name", true, endpoint);
        String alias = string(b, "alias", true, endpoint);
        String version = string(b, "version", true, endpoint);
        only(b, endpoint, "name", "alias", "version");
        List<String> versions = modelVersions.get(name);
        if (versions == null || !version.matches("\\d+") || Integer.parseInt(version) < 1
            || Integer.parseInt(version) > versions.size()) {
          throw new Missing("Model version " + name + "/" + version + " not found");
        }
        aliases.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(alias, version);
      }
      case "DELETE registered-models/alias" -> {
        String name = string(b, "name", true, endpoint);
        String alias = string(b, "alias", true, endpoint);
        only(b, endpoint, "name", "alias");
        if (!modelVersions.containsKey(name)) {
          throw new Missing("Registered Model with name=" + name + " not found");
        }
        aliases.getOrDefault(name, new LinkedHashMap<>()).remove(alias);
      }
      default -> {
        violation("not an endpoint Marquee should call: " + method + " " + endpoint);
        throw new Missing("ENDPOINT_NOT_FOUND " + method + " " + endpoint);
      }
    }
    return out;
  }

  private RunData run(JsonNode b, String endpoint) throws Bad, Missing {
    String id = string(b, "run_id", true, endpoint);
    RunData r = runs.get(id);
    if (r == null) {
      throw new Missing("Run with id=" + id + " not found");
    }
    return r;
  }

  private static String string(JsonNode b, String field, boolean required, String endpoint) throws Bad {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Bad(endpoint + ": missing value for required parameter '" + field + "'");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new Bad(endpoint + ": '" + field + "' must be a string, got " + v.getNodeType());
    }
    return v.textValue();
  }

  private static void int64(JsonNode b, String field, boolean required, String endpoint) throws Bad {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Bad(endpoint + ": missing value for required parameter '" + field + "'");
      }
      return;
    }
    if (!v.isIntegralNumber()) {
      throw new Bad(endpoint + ": '" + field + "' must be an int64, got " + v);
    }
  }

  private static int array(JsonNode b, String field, String endpoint) throws Bad {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isArray()) {
      throw new Bad(endpoint + ": '" + field + "' must be an array");
    }
    return v.size();
  }

  private static void keyValues(JsonNode b, String field, String endpoint, Map<String, String> into) throws Bad {
    array(b, field, endpoint);
    for (JsonNode kv : b.path(field)) {
      String key = string(kv, "key", true, endpoint + " " + field + "[]");
      checkKey(key, endpoint);
      into.put(key, string(kv, "value", true, endpoint + " " + field + "[]"));
    }
  }

  /** MLflow keys: alphanumerics, underscores, dashes, periods, spaces, slashes; no '@'. */
  private static void checkKey(String key, String endpoint) throws Bad {
    if (!key.matches("[\\w\\-. /]{1,250}")) {
      throw new Bad(endpoint + ": invalid key '" + key + "'");
    }
  }

  private static void only(JsonNode b, String endpoint, String... fields) throws Bad {
    Set<String> allowed = Set.of(fields);
    for (var it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new Bad(endpoint + ": unknown field '" + f + "'");
      }
    }
  }

  private static String queryParam(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String kv : rawQuery.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void violation(String v) {
    violations.add(v);
  }

  private static ObjectNode error(String code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static final class Bad extends Exception {
    Bad(String m) {
      super(m, null, false, false);
    }
  }

  private static final class Missing extends Exception {
    Missing(String m) {
      super(m, null, false, false);
    }
  }

  private static final class Exists extends Exception {
    Exists(String m) {
      super(m, null, false, false);
    }
  }
}
