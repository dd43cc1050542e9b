package com.marquee.service.api;

import com.marquee.service.experiment.Experiment;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelLoadException;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.security.AccessFilter;
import com.marquee.service.security.AdminKeyLimit;
import com.marquee.service.security.ApiKeys;
import com.marquee.service.security.ClientRateLimiter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code POST /admin/reload}: reloads the configured model directory (SPEC §5).
 *
 * <p>Authentication: header {@code X-API-Key} must equal one of {@code admin.api_keys} (compared in
 * constant time). 401 {@code unauthorized} without the header, 403 {@code forbidden} with a wrong
 * key, and 403 for every request when no key is configured (the endpoint is disabled). Missing and
 * wrong keys are limited per client address ({@link AdminKeyLimit}, {@code admin.failed_keys}): once
 * an address used up its failures, every admin request from it gets 429 {@code rate_limited} with
 * {@code Retry-After} (seconds) until the bucket refills.
 *
 * <p>Response 200: {@code {"status": "reloaded", "model_version", "previous_version",
 * "model_loaded_at", "model_dir", "variants"}} ({@code model_dir} is the resolved directory, relative to the
 * models root as in {@code /health} (e.g. {@code registry/20261122T120000Z}), never absolute;
 * {@code variants} maps each A/B experiment variant to the version it now serves, {@code null}
 * without an experiment). When the new model, or a variant's model, cannot be loaded: 500 {@code
 * {"error": "reload_failed", "message", "model_version"}} (paths in the message relative as well) and
 * the model that failed keeps its previous snapshot (if any; {@code model_version} is production's). Variants are reloaded even
 * when the production model fails.
 */
public final class AdminService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/admin";
  /** Metrics descriptor (not request-logged). */
  public static final Endpoint RELOAD = Endpoint.of(PATH + "/reload", Method.POST, false);
  /** The API key header. */
  public static final HeaderName X_API_KEY = HeaderNames.create("X-API-Key");

  /** Body of a successful reload. */
  public record Reloaded(String status, String modelVersion, String previousVersion, String modelLoadedAt,
      String modelDir, java.util.Map<String, String> variants) {}

  /** Body of a failed reload. */
  public record ReloadFailed(String error, String message, String modelVersion) {}

  private final ModelHolder models;
  private final ApiKeys keys;
  private final Experiment experiment;
  private final ClientRateLimiter failures;
  private final ModelPaths paths;

  /**
   * @param apiKeys accepted keys; empty disables the endpoint
   * @param experiment the running A/B experiment whose variants are reloaded too, or {@code null}
   * @param failedKeys how many missing or wrong keys one client address may present
   * @param modelsDir {@code models.dir}: {@code model_dir} and paths in messages are shown relative to its parent
   */
  public AdminService(ModelHolder models, List<String> apiKeys, Experiment experiment, AdminKeyLimit failedKeys,
      java.nio.file.Path modelsDir) {
    this.paths = new ModelPaths(modelsDir);
    this.failures = failedKeys.limiter();
    this.experiment = experiment;
    this.models = models;
    this.keys = ApiKeys.of(apiKeys);
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/reload", this::reload);
  }

  private void reload(ServerRequest req, ServerResponse res) {
    authorize(req.headers().first(X_API_KEY).orElse(null), AccessFilter.clientAddress(req.remotePeer().address()));
    String previous = models.current().map(ModelSnapshot::version).orElse(null);
    ModelLoadException variantFailure = null;
    java.util.Map<String, String> variants = null;
    if (experiment != null) {
      try {
        variants = experiment.reloadAll();
      } catch (ModelLoadException e) {
        variantFailure = e;
      }
    }
    try {
      ModelSnapshot s = models.reload();
      if (variantFailure != null) {
        throw variantFailure;
      }
      Responses.ok(res, new Reloaded("reloaded", s.version(), previous, s.loadedAt().toString(),
          paths.relative(s.dir()), variants));
    } catch (ModelLoadException e) {
      String serving = models.current().map(ModelSnapshot::version).orElse(null);
      Responses.json(res, Status.INTERNAL_SERVER_ERROR_500, new ReloadFailed("reload_failed",
          paths.relativeIn(e.getMessage()), serving));
    }
  }

  private void authorize(String presented, String address) {
    if (keys.isEmpty()) {
      throw new ApiException(Status.FORBIDDEN_403, "forbidden",
          "admin endpoints are disabled: no admin.api_keys configured (set MARQUEE_ADMIN_API_KEYS)");
    }
    String client = "ip:" + address;
    ClientRateLimiter.Decision d = failures.peek(client);
    if (!d.allowed()) {
      throw tooManyFailures(d.retryAfterSeconds());
    }
    if (presented == null || presented.isEmpty()) {
      failures.tryConsume(client);
      throw new ApiException(Status.UNAUTHORIZED_401, "unauthorized", "missing X-API-Key header");
    }
    // Constant-time comparison of SHA-256 digests (ApiKeys): no key length or position leaks.
    boolean ok = keys.match(presented) >= 0;
    if (!ok) {
      failures.tryConsume(client);
      throw new ApiException(Status.FORBIDDEN_403, "forbidden", "invalid X-API-Key");
    }
  }

  private static ApiException tooManyFailures(long retryAfterSeconds) {
    return new ApiException(Status.TOO_MANY_REQUESTS_429, "rate_limited", "too many wrong admin keys from this "
        + "address; retry after " + retryAfterSeconds + " s", false, retryAfterSeconds);
  }
}
