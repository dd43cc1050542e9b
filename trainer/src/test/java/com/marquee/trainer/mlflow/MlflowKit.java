package com.marquee.trainer.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow 2.17.2 tracking server from the vendored kit {@code tools/mlflow-server/} (its
 * README: sqlite backend store and model registry, {@code --artifacts-destination} with the artifact
 * proxy, Debian's python3 packages installed by {@code start.sh} when missing), plus the REST reads
 * and the kit's Python the tests check it with.
 *
 * <p>{@link #start} runs {@code start.sh --dir DIR} (its own limit: 60 s for the server to answer,
 * plus apt-get when packages are missing; this side gives up after {@value #START_LIMIT_S} s) and
 * {@link #close} runs {@code stop.sh DIR}. When the kit cannot start here (no python3 and no apt,
 * no network for apt, ...), {@link #start} returns the reason instead of a server.
 */
public final class MlflowKit implements AutoCloseable {

  /** Longest wait for start.sh, seconds (a first start on a bare Debian 12 took 29 s, later ones 2-5 s). */
  public static final int START_LIMIT_S = 240;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path kitDir;
  private final Path dataDir;
  private final Path cache;
  private final String uri;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private MlflowKit(Path kitDir, Path dataDir, Path cache, String uri) {
    this.kitDir = kitDir;
    this.dataDir = dataDir;
    this.cache = cache;
    this.uri = uri;
  }

  /** A started server, or why there is none. */
  public record Started(MlflowKit kit, String whyNot) {}

  /**
   * Starts a server with its data in {@code dataDir}.
   *
   * @throws IOException if the kit is not in the repository (tools/mlflow-server/start.sh)
   */
  public static Started start(Path dataDir) throws IOException, InterruptedException {
    Path kitDir = kitDir();
    Path cache = cacheDir();
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-start.log");
    Path stdout = dataDir.resolveSibling(dataDir.getFileName() + "-start.out");
    ProcessBuilder pb = new ProcessBuilder("bash", kitDir.resolve("start.sh").toString(), "--dir", dataDir.toString())
        .redirectOutput(stdout.toFile()).redirectError(log.toFile());
    pb.environment().put("MLFLOW_KIT_CACHE", cache.toString());
    Process p = pb.start();
    if (!p.waitFor(START_LIMIT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      new MlflowKit(kitDir, dataDir, cache, null).close(); // a server it may have started
      return new Started(null, "tools/mlflow-server/start.sh did not finish in " + START_LIMIT_S + " s (log " + log + ")");
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(stdout)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        vars.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (p.exitValue() != 0 || !vars.containsKey("MLFLOW_TRACKING_URI")) {
      List<String> err = Files.readAllLines(log);
      return new Started(null, "tools/mlflow-server/start.sh exit " + p.exitValue() + ": "
          + String.join(" | ", err.subList(Math.max(0, err.size() - 5), err.size())));
    }
    return new Started(new MlflowKit(kitDir, dataDir, cache, vars.get("MLFLOW_TRACKING_URI")), null);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String uri() {
    return uri;
  }

  /** {@code GET /api/2.0/mlflow/<endpoint>?<query>}; query values are URL-encoded here. */
  public JsonNode get(String endpoint, String... query) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i + 1 < query.length; i += 2) {
      q.append(q.isEmpty() ? "?" : "&").append(query[i]).append('=')
          .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
    }
    return JSON.readTree(ok(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/" + endpoint + q)).GET()));
  }

  /** {@code POST /api/2.0/mlflow/<endpoint>} with a JSON body. */
  public JsonNode post(String endpoint, Object body) throws IOException, InterruptedException {
    return JSON.readTree(ok(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/" + endpoint))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))));
  }

  /** An artifact's bytes from the artifact proxy: {@code mlflow-artifacts:/<path>} of a run's artifact URI. */
  public byte[] artifact(String mlflowArtifactsUri) throws IOException, InterruptedException {
    String path = mlflowArtifactsUri.replaceFirst("^mlflow-artifacts:/+", "");
    return okBytes(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow-artifacts/artifacts/" + path)).GET());
  }

  /** The value of tag {@code key} in a {@code runs/get} or model-version answer's tag list, or null. */
  public static String tag(JsonNode tags, String key) {
    for (JsonNode t : tags) {
      if (t.path("key").asText().equals(key)) {
        return t.path("value").asText();
      }
    }
    return null;
  }

  /**
   * Runs a Python script with the kit's MLflow on the path and {@code MLFLOW_TRACKING_URI} set to this
   * server (MLflow's own client, e.g. {@code mlflow.models.get_model_info}).
   *
   * @return stdout
   * @throws IOException if it exits non-zero (stderr in the message) or takes over 120 s
   */
  public String python(String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", script);
    pb.environment().put("PYTHONPATH", cache.resolve("site").toString());
    pb.environment().put("PYTHONNOUSERSITE", "1");
    pb.environment().put("MLFLOW_TRACKING_URI", uri);
    Path err = Files.createTempFile(dataDir.getParent(), "python", ".err");
    Process p = pb.redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("python did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("python exit " + p.exitValue() + ": " + Files.readString(err));
    }
    return out;
  }

  /** Stops the server ({@code stop.sh DIR}). */
  @Override
  public void close() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", kitDir.resolve("stop.sh").toString(), dataDir.toString())
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  private String ok(HttpRequest.Builder b) throws IOException, InterruptedException {
    return new String(okBytes(b), StandardCharsets.UTF_8);
  }

  private byte[] okBytes(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpRequest r = b.timeout(Duration.ofSeconds(30)).build();
    HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    if (res.statusCode() != 200) {
      throw new IOException(r.method() + " " + r.uri() + ": HTTP " + res.statusCode() + " "
          + new String(res.body(), StandardCharsets.UTF_8));
    }
    return res.body();
  }

  /** {@code tools/mlflow-server} of this repository (the nearest one above the working directory). */
  private static Path kitDir() throws IOException {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path kit = d.resolve("tools/mlflow-server");
      if (Files.isRegularFile(kit.resolve("start.sh"))) {
        return kit;
      }
    }
    throw new IOException("tools/mlflow-server/start.sh not found above " + Path.of("").toAbsolutePath());
  }

  /** Where start.sh unpacks the kit: its default, given explicitly so {@link #python} finds {@code site/}. */
  private static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("marquee-mlflow-kit/2.17.2");
  }
}
