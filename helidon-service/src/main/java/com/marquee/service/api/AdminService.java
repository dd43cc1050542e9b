package com.marquee.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.common.domain.CatalogItem;
import com.marquee.service.experiment.Experiment;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.QueryParams;
import com.marquee.service.http.Responses;
import com.marquee.service.log.JdbcExecutor;
import com.marquee.service.log.RequestLogSchema;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelLoadException;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.realtime.CatalogUpdates;
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
import java.util.ArrayList;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/**
 * {@code POST /admin/reload}: reloads the configured model directory (SPEC §5); {@code PUT} and {@code
 * DELETE /admin/items/{movie_id}}: catalog updates without retraining ({@link CatalogUpdates}).
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
 *
 * <p>{@code PUT /admin/items/{movie_id}} with {@code {"title": string, "year"?: int|null, "genres":
 * [string, ...], "tags"?: [string, ...]}} adds the movie or replaces its title, year, genres and tags
 * (and shows it again after a DELETE). {@code DELETE /admin/items/{movie_id}} hides the movie from
 * every answer (its content and history stay stored). Both are committed to {@code catalog_changes}
 * before the answer and served at once: 201 (PUT of a movie the catalog did not have) or 200 {@code
 * {"movie_id", "action", "change_id", "stored_at", "title", "year", "genres", "tags", "in_model",
 * "recommendable", "cold_start", "hidden", "model_version", "note"}} ({@code title} .. {@code tags}
 * null for a DELETE; {@code recommendable}: the movie has a vector in the served model and is not
 * hidden; a new movie is recommendable only when the served model has a content mapping; {@code note}
 * says why not, else null). Errors: 400 {@code bad_request} (movie id not a positive integer, unknown
 * field, {@code title} missing, blank or longer than {@value #MAX_TITLE_CHARS} characters, {@code year}
 * not an integer in [{@value #MIN_YEAR}, {@value #MAX_YEAR}], {@code genres} missing or not an array of at
 * most {@value #MAX_LIST} non-blank strings of at most {@value #MAX_NAME_CHARS} characters without
 * {@code |}, {@code tags} likewise), 404 {@code not_found} (DELETE of a movie neither the catalog nor a
 * stored PUT has), 413, 415, 503 {@code catalog_unavailable} (the change could not be stored; nothing
 * was applied), authentication as above.
 */
public final class AdminService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/admin";
  /** Metrics descriptor (not request-logged). */
  public static final Endpoint RELOAD = Endpoint.of(PATH + "/reload", Method.POST, false);
  /** Metrics descriptor of the catalog updates (not request-logged). */
  public static final Endpoint ITEMS = new Endpoint(PATH + "/items/{movie_id}", Set.of(Method.PUT, Method.DELETE),
      false);
  /** Accepted fields of a PUT body. */
  public static final SequencedSet<String> ITEM_FIELDS = JsonBody.fields("title", "year", "genres", "tags");
  /** Longest title. */
  public static final int MAX_TITLE_CHARS = 500;
  /** Longest genre or tag. */
  public static final int MAX_NAME_CHARS = 100;
  /** Most genres, most tags. */
  public static final int MAX_LIST = 100;
  /** Smallest accepted year. */
  public static final int MIN_YEAR = 1870;
  /** Largest accepted year. */
  public static final int MAX_YEAR = 2100;
  /** The API key header. */
  public static final HeaderName X_API_KEY = HeaderNames.create("X-API-Key");

  /** Body of a successful reload. */
  public record Reloaded(String status, String modelVersion, String previousVersion, String modelLoadedAt,
      String modelDir, java.util.Map<String, String> variants) {}

  /** Body of a failed reload. */
  public record ReloadFailed(String error, String message, String modelVersion) {}

  /** Body of a stored catalog change (see the class comment). */
  public record ItemChanged(long movieId, String action, long changeId, String storedAt, String title, Integer year,
      List<String> genres, List<String> tags, boolean inModel, boolean recommendable, boolean coldStart,
      boolean hidden, String modelVersion, String note) {}

  private final ModelHolder models;
  private final ApiKeys keys;
  private final Experiment experiment;
  private final ClientRateLimiter failures;
  private final ModelPaths paths;
  private final CatalogUpdates catalog;
  private final long maxBodyBytes;

  /**
   * @param apiKeys accepted keys; empty disables the endpoint
   * @param experiment the running A/B experiment whose variants are reloaded too, or {@code null}
   * @param failedKeys how many missing or wrong keys one client address may present
   * @param modelsDir {@code models.dir}: {@code model_dir} and paths in messages are shown relative to its parent
   * @param catalog the catalog updates of {@code /admin/items}
   * @param maxBodyBytes largest PUT body; larger gets 413
   */
  public AdminService(ModelHolder models, List<String> apiKeys, Experiment experiment, AdminKeyLimit failedKeys,
      java.nio.file.Path modelsDir, CatalogUpdates catalog, long maxBodyBytes) {
    this.paths = new ModelPaths(modelsDir);
    this.catalog = catalog;
    this.maxBodyBytes = maxBodyBytes;
    this.failures = failedKeys.limiter();
    this.experiment = experiment;
    this.models = models;
    this.keys = ApiKeys.of(apiKeys);
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/reload", this::reload)
        .put("/items/{movie_id}", this::putItem)
        .delete("/items/{movie_id}", this::deleteItem);
  }

  private void putItem(ServerRequest req, ServerResponse res) {
    authorize(req.headers().first(X_API_KEY).orElse(null), AccessFilter.clientAddress(req.remotePeer().address()));
    long movieId = movieId(req);
    ObjectNode body = JsonBody.readObject(req, maxBodyBytes);
    JsonBody.requireKnownFields(body, "", ITEM_FIELDS);
    CatalogItem item = new CatalogItem(title(body), year(body), names(body, "genres", true), names(body, "tags", false));
    CatalogUpdates.Applied applied = store(() -> catalog.put(movieId, item));
    answer(res, applied, applied.existed() ? Status.OK_200 : Status.CREATED_201);
  }

  private void deleteItem(ServerRequest req, ServerResponse res) {
    authorize(req.headers().first(X_API_KEY).orElse(null), AccessFilter.clientAddress(req.remotePeer().address()));
    long movieId = movieId(req);
    if (!catalog.knows(models.current().orElse(null), movieId)) {
      throw ApiException.notFound("movie " + movieId + " is not in the catalog; nothing was stored");
    }
    answer(res, store(() -> catalog.delete(movieId)), Status.OK_200);
  }

  private interface Change {
    CatalogUpdates.Applied run() throws Exception;
  }

  private static CatalogUpdates.Applied store(Change change) {
    try {
      return change.run();
    } catch (JdbcExecutor.Unavailable e) {
      throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "catalog_unavailable", e.getMessage()
          + (e.mayHaveRun() ? "; the change may still be stored and is then applied at the next start: check with "
              + "GET /movies/{movie_id} or repeat the request (it is idempotent)" : "; nothing was stored, retry later"));
    } catch (ApiException e) {
      throw e;
    } catch (Exception e) {
      throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "catalog_unavailable",
          "the store is busy or unavailable; nothing was stored, retry later");
    }
  }

  private void answer(ServerResponse res, CatalogUpdates.Applied applied, Status status) {
    var c = applied.change();
    ModelSnapshot model = models.current().orElse(null);
    int row = model == null ? -1 : model.artifacts().items().rowOf(c.movieId());
    boolean hidden = model == null ? catalog.state().isHidden(c.movieId()) : model.isHidden(c.movieId());
    boolean recommendable = row >= 0 && !hidden;
    String note = null;
    if (model == null) {
      note = "no model is loaded: the change is stored and applied when one is";
    } else if (row < 0 && !hidden) {
      note = model.content().isEmpty()
          ? "the served model has no content mapping (content_mapping.npy): the movie is in the catalog and "
              + "searchable in /movies, but not recommendable until a model has it"
          : "limits.max_catalog_items (" + catalog.maxItems() + ") movies are already added: the movie is in the "
              + "catalog and searchable in /movies, but not recommendable until the next model has it";
    }
    var item = c.item();
    Responses.json(res, status, new ItemChanged(c.movieId(), c.action().column(), c.seq(),
        RequestLogSchema.TIMESTAMP.format(c.at()), item == null ? null : item.title(), item == null ? null : item.year(),
        item == null ? null : item.genres(), item == null ? null : item.tags(),
        row >= 0 && row < model.trainedItems(), recommendable, row >= 0 && model.isColdRow(row), hidden,
        model == null ? null : model.version(), note));
  }

  private static long movieId(ServerRequest req) {
    long id = QueryParams.pathLong(req, "movie_id");
    if (id < 1) {
      throw ApiException.badRequest("'movie_id' must be a positive integer, got " + id);
    }
    return id;
  }

  private static String title(ObjectNode body) {
    JsonNode v = body.get("title");
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing required field 'title'");
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw ApiException.badRequest("'title' must be a non-blank string");
    }
    String t = v.textValue().strip();
    if (t.length() > MAX_TITLE_CHARS) {
      throw ApiException.badRequest("'title' must be at most " + MAX_TITLE_CHARS + " characters, got " + t.length());
    }
    if (t.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw ApiException.badRequest("'title' must not contain control characters");
    }
    return t;
  }

  private static Integer year(ObjectNode body) {
    JsonNode v = body.get("year");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < MIN_YEAR || v.intValue() > MAX_YEAR) {
      throw ApiException.badRequest("'year' must be an integer in [" + MIN_YEAR + ", " + MAX_YEAR + "] or null, got "
          + v);
    }
    return v.intValue();
  }

  private static List<String> names(ObjectNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if ((v == null || v.isNull()) && required) {
      throw ApiException.badRequest("missing required field '" + field + "' (an array of strings, may be empty)");
    }
    List<String> raw = JsonBody.optionalStrings(body, field);
    if (raw.size() > MAX_LIST) {
      throw ApiException.badRequest("'" + field + "' must have at most " + MAX_LIST + " entries, got " + raw.size());
    }
    List<String> out = new ArrayList<>(raw.size());
    for (String s : raw) {
      String t = s.strip();
      if (t.isEmpty() || t.length() > MAX_NAME_CHARS || t.indexOf('|') >= 0
          || t.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        throw ApiException.badRequest("'" + field + "' entries must be non-blank strings of at most " + MAX_NAME_CHARS
            + " characters without '|' or control characters");
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
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
