package com.marquee.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.RequestInfo;
import com.marquee.service.http.Responses;
import com.marquee.service.log.FeedbackStore;
import com.marquee.service.log.JdbcExecutor;
import com.marquee.service.log.RequestLogSchema;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.realtime.CatalogUpdates;
import com.marquee.service.realtime.RealtimeUsers;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /feedback} (SPEC §5): records one user feedback event for retraining.
 *
 * <p>Request: {@code {"user_id": int, "movie_id": int, "event": "click"|"watch"|"rating"|"skip",
 * "value"?: number, "timestamp"?: ISO-8601 string or integer epoch seconds}}. {@code value} is
 * required for {@code rating} (stars, in [0.5, 5]) and optional for the other events (any finite
 * number, e.g. the watched fraction; stored, not used by retraining). {@code timestamp} defaults to
 * the time the server received the event.
 *
 * <p>Response 202 {@code {"feedback_id", "status": "accepted", "user_id", "movie_id", "event",
 * "value", "timestamp"}} is sent only after the row is committed to the {@code feedback} table
 * ({@link FeedbackStore}: synchronous, own connection), so an accepted event is never lost.
 *
 * <p>The movie must be in the catalog of the served model ({@code item_features.json}); an event
 * for any other movie is refused with 404 and nothing is stored, so retraining never sees ratings of
 * movies that do not exist. The fields are exactly those above: any other is a 400 naming it.
 *
 * <p>After the commit, the event updates the real-time overlay ({@link RealtimeUsers}) so the user's
 * next {@code /recommend} reflects it; a failure there is logged and does not change the answer (the
 * event is stored). What an event means is the training rule ({@link #polarity}): a positive event
 * ({@code watch}, {@code click}, or a {@code rating} of at least the model's {@code implicit.min_rating},
 * {@code dataset.min_rating} in {@code model_metadata.json}, 4 when not recorded) re-solves the user's
 * vector by fold-in over the training items plus the positive items since the load; a negative event
 * ({@code skip}, or a lower {@code rating}) removes the movie from the user's answers at once.
 * Retraining keeps the negative event as the latest one of the pair (see configs/retrain.yaml), so
 * the movie is not a positive of the user in the next model either.
 *
 * <p>{@code Idempotency-Key} (optional header, 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} printable
 * ASCII characters): a request whose key was stored within the idempotency window ({@code
 * store.idempotency_window_seconds}) stores nothing and gets the first request's 202 answer again
 * (same {@code feedback_id}), with header {@code Idempotent-Replayed: true}. The key is a unique
 * column of the {@code feedback} table, so this holds across restarts. The same key with a
 * different user, movie, event or value is refused with 422 {@code idempotency_key_reused}.
 *
 * <p>The database is reached through the {@link JdbcExecutor} (bounded platform threads), never on
 * the request's own (virtual) thread.
 *
 * <p>Errors: 400 {@code bad_request} for malformed JSON, an unknown field, missing ids, wrong types,
 * an unknown event, a rating outside [0.5, 5], a timestamp outside [{@link #MIN_TIMESTAMP}, {@link
 * #MAX_TIMESTAMP}] or a malformed {@code Idempotency-Key}; 404 {@code not_found} for a movie not in
 * the catalog; 413 for a body that is too large; 422 {@code idempotency_key_reused}; 503 {@code
 * model_not_loaded} before a model (and so a catalog) is loaded, and {@code feedback_unavailable}
 * when the database cannot take the row (disk full, locked or stalled past {@code
 * store.jdbc_timeout_ms}, file deleted; the message says whether the event may still have been
 * stored, in which case retrying with the same {@code Idempotency-Key} stores it at most once).
 */
public final class FeedbackService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/feedback";
  /** Metrics descriptor; feedback goes to its own table, not to {@code request_logs}. */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.POST, false);
  /** Accepted event names. */
  public static final Set<String> EVENTS = Set.of("click", "watch", "rating", "skip");
  /** Smallest accepted rating, stars. */
  public static final double MIN_RATING = 0.5;
  /** Largest accepted rating, stars. */
  public static final double MAX_RATING = 5.0;

  /** Earliest accepted {@code timestamp}. */
  public static final Instant MIN_TIMESTAMP = Instant.EPOCH;
  /**
   * Latest accepted {@code timestamp}: the stored text sorts by time only with a 4-digit year
   * ({@code +10000-01-01...} sorts before {@code 2026-...}).
   */
  public static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59Z");
  /** Longest accepted {@code Idempotency-Key}, characters. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
  /** Request header naming a retry of the same event. */
  public static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
  /** Response header set on a replayed answer. */
  public static final HeaderName IDEMPOTENT_REPLAYED = HeaderNames.create("Idempotent-Replayed");

  /** Accepted request fields. */
  public static final SequencedSet<String> FIELDS = JsonBody.fields("user_id", "movie_id", "event", "value", "timestamp");

  /** What an event says about the user's taste. */
  public enum Polarity {
    /** A positive implicit interaction: the movie joins the user's items. */
    POSITIVE,
    /** The user does not want the movie: it leaves the user's answers. */
    NEGATIVE
  }

  /** Body of the 202 answer. */
  public record Accepted(String feedbackId, String status, long userId, long movieId, String event, Double value,
      String timestamp) {}

  private static final System.Logger LOG = System.getLogger(FeedbackService.class.getName());

  private final FeedbackStore store;
  private final JdbcExecutor jdbc;
  private final long maxBodyBytes;
  private final ModelHolder models;
  private final RealtimeUsers realtime;
  private final CatalogUpdates catalog;

  /**
   * @param jdbc runs the database calls
   * @param maxBodyBytes largest request body; larger gets 413
   * @param models the production model the real-time overlay applies to; {@code null} for none
   * @param realtime the real-time overlay; {@code null} for none
   * @param catalog refines cold items' vectors after positive events; {@code null} for none
   */
  public FeedbackService(FeedbackStore store, JdbcExecutor jdbc, long maxBodyBytes, ModelHolder models,
      RealtimeUsers realtime, CatalogUpdates catalog) {
    this.catalog = catalog;
    this.store = store;
    this.jdbc = jdbc;
    this.maxBodyBytes = maxBodyBytes;
    this.models = models;
    this.realtime = realtime;
  }

  /**
   * What event {@code event} with {@code value} means, by the training rule: {@code watch} and {@code
   * click} are positive; a {@code rating} is positive when {@code value >= minRating} (the model's
   * {@code implicit.min_rating}), else negative; {@code skip} is negative.
   */
  public static Polarity polarity(String event, Double value, double minRating) {
    return switch (event) {
      case "watch", "click" -> Polarity.POSITIVE;
      case "rating" -> value != null && value >= minRating ? Polarity.POSITIVE : Polarity.NEGATIVE;
      default -> Polarity.NEGATIVE;
    };
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/", this::feedback);
  }

  private void feedback(ServerRequest req, ServerResponse res) {
    RequestInfo info = RequestInfo.of(req);
    ObjectNode body = JsonBody.readObject(req, maxBodyBytes);
    JsonBody.requireKnownFields(body, "", FIELDS);
    long userId = JsonBody.requiredLong(body, "user_id");
    long movieId = JsonBody.requiredLong(body, "movie_id");
    info.userId(userId);
    String event = event(body);
    Double value = value(body, event);
    Instant timestamp = timestamp(body.get("timestamp"));
    String key = idempotencyKey(req);
    ModelSnapshot model = models == null ? null : Models.require(models);
    if (model != null && model.artifacts().catalog().get(movieId) == null) {
      throw ApiException.notFound("movie " + movieId + " is not in the catalog; nothing was stored");
    }
    FeedbackStore.Event e =
        new FeedbackStore.Event(UUID.randomUUID().toString(), timestamp, userId, movieId, event, value,
            info.requestId());
    FeedbackStore.Stored stored;
    try {
      stored = jdbc.call(() -> store.insert(e, key));
    } catch (JdbcExecutor.Unavailable ex) {
      LOG.log(System.Logger.Level.WARNING, "feedback not stored: " + ex.getMessage());
      throw unavailable(ex.getMessage() + (ex.mayHaveRun()
          ? "; the event may still be stored: retry with the same Idempotency-Key to store it at most once"
          : "; nothing was stored, retry later"));
    } catch (FeedbackStore.FileReplacedException ex) {
      throw unavailable("the feedback database file was deleted or replaced while open; nothing was stored, "
          + "the next request opens the file now at its path: retry");
    } catch (Exception ex) {
      LOG.log(System.Logger.Level.WARNING, "feedback not stored: " + ex.getMessage());
      throw unavailable("the feedback store is busy or unavailable; nothing was stored, retry later");
    }
    if (stored.replayed()) {
      FeedbackStore.Event first = stored.event();
      if (first.userId() != userId || first.movieId() != movieId || !first.event().equals(event)
          || !Objects.equals(first.value(), value)) {
        throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "idempotency_key_reused",
            "Idempotency-Key was used for a different event (user " + first.userId() + ", movie " + first.movieId()
                + ", " + first.event() + "); nothing was stored");
      }
      res.header(IDEMPOTENT_REPLAYED, "true");
      Responses.json(res, Status.ACCEPTED_202, new Accepted(first.feedbackId(), "accepted", first.userId(),
          first.movieId(), first.event(), first.value(), RequestLogSchema.TIMESTAMP.format(first.timestamp())));
      return;
    }
    if (realtime != null && model != null) {
      try {
        if (polarity(event, value, model.artifacts().metadata().implicitMinRating()) == Polarity.POSITIVE) {
          if (catalog != null) {
            catalog.positive(model, userId, movieId);
          }
          realtime.positive(model, userId, movieId);
        } else {
          realtime.negative(model, userId, movieId);
        }
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.WARNING, "real-time update of user " + userId + " failed: " + ex);
      }
    }
    Responses.json(res, Status.ACCEPTED_202, new Accepted(e.feedbackId(), "accepted", userId, movieId, event, value,
        RequestLogSchema.TIMESTAMP.format(timestamp)));
  }

  private static ApiException unavailable(String message) {
    return new ApiException(Status.SERVICE_UNAVAILABLE_503, "feedback_unavailable", message);
  }

  private static String idempotencyKey(ServerRequest req) {
    String k = req.headers().first(IDEMPOTENCY_KEY).orElse(null);
    if (k == null) {
      return null;
    }
    if (k.isEmpty() || k.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !k.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw ApiException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
          + " printable ASCII characters without spaces");
    }
    return k;
  }

  private static String event(ObjectNode body) {
    JsonNode v = body.get("event");
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing required field 'event'");
    }
    if (!v.isTextual() || !EVENTS.contains(v.textValue())) {
      throw ApiException.badRequest("'event' must be one of click, watch, rating, skip");
    }
    return v.textValue();
  }

  private static Double value(ObjectNode body, String event) {
    JsonNode v = body.get("value");
    if (v == null || v.isNull()) {
      if (event.equals("rating")) {
        throw ApiException.badRequest("'value' is required for event 'rating' (stars in [0.5, 5])");
      }
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw ApiException.badRequest("'value' must be a number");
    }
    double x = v.doubleValue();
    if (event.equals("rating") && (x < MIN_RATING || x > MAX_RATING)) {
      throw ApiException.badRequest("'value' of a rating must be in [0.5, 5], got " + x);
    }
    return x;
  }

  private static Instant timestamp(JsonNode v) {
    if (v == null || v.isNull()) {
      return Instant.now();
    }
    Instant t = null;
    try {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        t = Instant.ofEpochSecond(v.longValue());
      } else if (v.isTextual()) {
        t = OffsetDateTime.parse(v.textValue()).toInstant();
      }
    } catch (DateTimeException e) { // DateTimeParseException too
      t = null; // reported below (DateTimeException: out of Instant's range)
    }
    if (t == null || t.isBefore(MIN_TIMESTAMP) || t.isAfter(MAX_TIMESTAMP)) {
      throw ApiException.badRequest("'timestamp' must be an ISO-8601 date-time with offset (e.g. 2026-11-22T13:39:28Z) "
          + "or integer epoch seconds, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z (epoch seconds 0 to "
          + MAX_TIMESTAMP.getEpochSecond() + ")");
    }
    return t;
  }
}
