package com.marquee.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.RequestInfo;
import com.marquee.service.http.Responses;
import com.marquee.service.metrics.ServiceMetrics;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.recommend.DiversityConfig;
import com.marquee.service.recommend.ListOptions;
import com.marquee.service.recommend.Recommendations;
import com.marquee.service.recommend.Recommender;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/**
 * {@code POST /recommend/anonymous} (SPEC §5): recommendations for a visitor from the movies they
 * liked, by fold-in against the served model's item factors (no retraining).
 *
 * <p>Request: {@code {"items": [movie_id, ...], "k": int = 10, "exclude_seen": bool = true,
 * "filters"?: {...}, "offset": int = 0, "diversity": number = 0, "rules"?: {...}}} ({@code filters},
 * {@code offset}, {@code diversity} and {@code rules} as in {@link RecommendService}; any other field
 * is a 400 naming it). {@code items} must be a
 * non-empty array of at most {@link #MAX_ITEMS} integers. The movies the model knows are folded in
 * with weight 1 each ({@link Recommender#anonymous}: the same iALS row solver as training, with the
 * model's regularization and alpha and the item Gramian cached per model); the others are listed
 * in {@code ignored_items} (distinct, request order). {@code exclude_seen} removes the given movies.
 *
 * <p>Response 200: as {@code /recommend} with {@code user_id: null}, {@code variant: null} and
 * {@code ignored_items}. When no given movie is known: the popularity ranking (same filters),
 * {@code is_fallback: true, fallback_reason: "no_known_items"}. Logged in {@code request_logs}
 * with endpoint {@code /recommend/anonymous} and no user id. Always served by the production model
 * ({@code models.dir}), not by A/B variants.
 *
 * <p>{@code "diversity": 0..1} and {@code genre_diversity} as in {@link RecommendService}. {@code
 * "explain": true} adds {@code "because": [{"movie_id", "title"}]} to each personalized item: the 1
 * to 3 given movies most similar to it ({@link Recommender#because}, as on {@code /recommend}).
 *
 * <p>Errors: 400 {@code bad_request} (malformed JSON, {@code items} missing, empty, longer than
 * {@link #MAX_ITEMS} or not all integers, bad {@code k}, filters or diversity), 413, 503 {@code
 * model_not_loaded}.
 */
public final class AnonymousRecommendService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/recommend/anonymous";
  /** Metrics/request-log descriptor. */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.POST, true);
  /** Accepted top-level request fields. */
  public static final SequencedSet<String> FIELDS =
      JsonBody.fields("items", "k", "offset", "exclude_seen", "filters", "explain", "diversity", "rules");
  /** Most entries of {@code items}. */
  public static final int MAX_ITEMS = 1000;

  /** The response body. */
  public record Response(Long userId, List<RecommendService.Item> recommendations, String modelVersion,
      boolean isFallback, String fallbackReason, String variant, Double genreDiversity, List<Long> ignoredItems) {}

  private final ModelHolder models;
  private final Recommender recommender;
  private final ServiceMetrics metrics;
  private final int maxK;
  private final long maxBodyBytes;
  private final DiversityConfig diversity;

  /** @param diversity MMR settings ({@code diversity.candidate_pool}, {@code diversity.max_cost}) */
  public AnonymousRecommendService(ModelHolder models, Recommender recommender, ServiceMetrics metrics, int maxK,
      long maxBodyBytes, DiversityConfig diversity) {
    this.diversity = diversity;
    this.models = models;
    this.recommender = recommender;
    this.metrics = metrics;
    this.maxK = maxK;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/", this::recommend);
  }

  private void recommend(ServerRequest req, ServerResponse res) {
    RequestInfo info = RequestInfo.of(req);
    ObjectNode body = JsonBody.readObject(req, maxBodyBytes);
    JsonBody.requireKnownFields(body, "", FIELDS);
    Set<Long> given = items(body);
    ListOptions options = new ListOptions(JsonBody.optionalInt(body, "k", 10, 1, maxK), ListRequest.offset(body),
        JsonBody.optionalBoolean(body, "exclude_seen", true), ListRequest.filter(body),
        ListRequest.diversity(body, diversity.candidatePool()), ListRequest.rules(body));
    boolean explain = JsonBody.optionalBoolean(body, "explain", false);
    ModelSnapshot model = Models.require(models);
    info.modelVersion(model.version());
    ListRequest.requireMmrCost(options, model.artifacts().items().size(), diversity.maxCost());

    List<Integer> known = new ArrayList<>();
    List<Long> ignored = new ArrayList<>();
    for (long id : given) {
      int row = model.artifacts().items().rowOf(id);
      if (row < 0) {
        ignored.add(id);
      } else {
        known.add(row);
      }
    }
    int[] rows = known.stream().mapToInt(Integer::intValue).toArray();
    Recommendations recs = recommender.anonymous(model, rows, options, given);
    if (recs.fallback()) {
      metrics.fallback(recs.fallbackReason());
      info.fallback(recs.fallbackReason());
    }
    int[] because = explain && !recs.fallback() ? rows : null;
    List<RecommendService.Item> out = recs.items().stream().map(s -> RecommendService.item(model, s, because)).toList();
    info.results(recs.items().stream().mapToLong(Recommendations.Scored::movieId).toArray(),
        recs.items().stream().mapToDouble(Recommendations.Scored::score).toArray());
    Responses.ok(res, new Response(null, out, model.version(), recs.fallback(), recs.fallbackReason(), null,
        RecommendService.genreDiversity(out), ignored));
  }

  /** The distinct movie ids of {@code items}, in request order. @throws ApiException 400 */
  private static Set<Long> items(ObjectNode body) {
    JsonNode v = body.get("items");
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("missing required field 'items' (an array of movie ids)");
    }
    if (!v.isArray() || v.isEmpty() || v.size() > MAX_ITEMS) {
      throw ApiException.badRequest("'items' must be a non-empty array of at most " + MAX_ITEMS + " movie ids");
    }
    return JsonBody.movieIds(v, "items");
  }
}
