package com.marquee.service.api;

import com.marquee.service.http.Endpoint;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Health endpoints (SPEC §5).
 *
 * <ul>
 *   <li>{@code GET /health} 200 {@code {"status": "ok"|"degraded", "model_version",
 *       "model_loaded_at", "uptime_seconds", "model_dir", "last_reload_error"}}: {@code degraded}
 *       while no model is loaded (then the model fields are {@code null}); {@code model_loaded_at}
 *       is ISO-8601 UTC; {@code model_dir} the resolved directory served, relative to the models
 *       root (the parent of {@code models.dir}, e.g. {@code registry/20261122T120000Z}); {@code
 *       last_reload_error} {@code {"at", "dir", "message"}} when the latest load attempt (admin
 *       reload or model watcher) failed and the previous model kept serving, else {@code null}.
 *       No absolute filesystem path is shown ({@link ModelPaths}): paths under the models root are
 *       written relative to it, any other path as its last element (issue #21).
 *   <li>{@code GET /health/live} 200 {@code {"status": "live"}} while the process serves HTTP.
 *   <li>{@code GET /health/ready} 200 {@code {"status": "ready", "model_version"}} once a model is
 *       loaded, else 503 {@code {"status": "not_ready", "model_version": null}}.
 * </ul>
 */
public final class HealthService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/health";
  /** Metrics descriptors (not request-logged). */
  public static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.of(PATH, Method.GET, false),
      Endpoint.of(PATH + "/live", Method.GET, false),
      Endpoint.of(PATH + "/ready", Method.GET, false));

  /** Body of {@code GET /health}. */
  public record Health(String status, String modelVersion, String modelLoadedAt, long uptimeSeconds, String modelDir,
      ReloadError lastReloadError) {}

  /** The failed latest load attempt. */
  public record ReloadError(String at, String dir, String message) {}

  /** Body of {@code /health/live} and {@code /health/ready}. */
  public record Probe(String status, String modelVersion) {}

  private final ModelHolder models;
  private final Instant startedAt;
  private final ModelPaths paths;

  /**
   * @param startedAt when the server started, for {@code uptime_seconds}
   * @param modelsDir {@code models.dir}: paths under its parent are shown relative to that parent
   */
  public HealthService(ModelHolder models, Instant startedAt, java.nio.file.Path modelsDir) {
    this.models = models;
    this.startedAt = startedAt;
    this.paths = new ModelPaths(modelsDir);
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::health)
        .get("/live", (req, res) -> Responses.ok(res, new Probe("live", null)))
        .get("/ready", this::ready);
  }

  private void health(ServerRequest req, ServerResponse res) {
    Optional<ModelSnapshot> m = models.current();
    long uptime = Duration.between(startedAt, Instant.now()).toSeconds();
    Responses.ok(res, new Health(m.isPresent() ? "ok" : "degraded",
        m.map(ModelSnapshot::version).orElse(null),
        m.map(s -> s.loadedAt().toString()).orElse(null),
        uptime,
        m.map(s -> paths.relative(s.dir())).orElse(null),
        models.lastFailure().map(f -> new ReloadError(f.at().toString(), paths.relative(f.dir()),
            paths.relativeIn(f.message())))
            .orElse(null)));
  }

  private void ready(ServerRequest req, ServerResponse res) {
    Optional<ModelSnapshot> m = models.current();
    if (m.isPresent()) {
      Responses.ok(res, new Probe("ready", m.get().version()));
    } else {
      Responses.json(res, Status.SERVICE_UNAVAILABLE_503, new Probe("not_ready", null));
    }
  }
}
