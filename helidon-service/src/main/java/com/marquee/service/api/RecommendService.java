package com.marquee.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.common.domain.Movie;
import com.marquee.service.experiment.Experiment;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.RequestInfo;
import com.marquee.service.http.Responses;
import com.marquee.service.metrics.ServiceMetrics;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.realtime.RealtimeUsers;
import com.marquee.service.recommend.DiversityConfig;
import com.marquee.service.recommend.GenreDiversity;
import com.marquee.service.recommend.ItemFilter;
import com.marquee.service.recommend.ListOptions;
import com.marquee.service.recommend.Recommendations;
import com.marquee.service.recommend.Recommender;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.SequencedSet;

/**
 * {@code POST /recommend} (SPEC §5).
 *
 * <p>Request: {@code {"user_id": int, "k": int = 10, "exclude_seen": bool = true, "filters"?:
 * {"genres": [string], "year_min": int, "year_max": int}, "offset": int = 0, "explain": bool = false,
 * "diversity": number = 0, "rules"?: {...}}}; any other field, at the top level or in {@code filters}
 * or {@code rules}, is a 400 naming it ({@link ListRequest}). Genres match when the movie has any of
 * them (case-insensitive); the year range is inclusive and, when set, excludes movies of unknown year
 * (see {@link ItemFilter}). {@code offset} pages through the list ({@link ListOptions}); {@code rules}
 * adds business rules to those of the configuration ({@link com.marquee.service.recommend.ScoreRules}).
 * The movies of the user's negative {@code /feedback} events since the model was loaded are never
 * answered (real-time overlay).
 *
 * <p>Response 200: {@code {"user_id", "recommendations": [{"movie_id", "title", "score", "genres",
 * "year"}], "model_version", "is_fallback", "fallback_reason", "variant"}}. When an A/B
 * experiment runs, the user's variant ({@link Experiment#assign}) answers with its model and
 * {@code variant} is its name (also written to the request log and counted in metrics); otherwise
 * the production model answers and {@code variant} is {@code null}. A known user is scored by {@code
 * dot(user, item)}; an unknown user gets popular items with the same filters, {@code is_fallback:
 * true, fallback_reason: "unknown_user"}, {@code score} = popularity score in (0, 1]. A user with
 * positive {@code /feedback} events since the model was loaded is scored with the vector of the
 * real-time overlay ({@link RealtimeUsers}), also when the model does not know the user.
 *
 * <p>{@code "explain": true} adds {@code "because": [{"movie_id", "title"}]} to each personalized
 * recommendation: the 1 to 3 of the user's items most similar to it ({@link Recommender#because},
 * cosine of item vectors); fallbacks get no {@code because}.
 *
 * <p>{@code "diversity": 0..1} (default 0 = off: exactly the plain ranking) re-ranks a personalized
 * list by Maximal Marginal Relevance ({@link com.marquee.service.recommend.Mmr}, Carbonell and
 * Goldstein 1998) with {@code lambda = 1 - diversity} over the {@code diversity.candidate_pool}
 * best-scored allowed items, item-item cosine of the embeddings as similarity; {@code score} stays
 * the model score, so the list is then not sorted by it. Fallbacks are not re-ranked. Every
 * answer carries {@code genre_diversity} ({@link GenreDiversity}: mean pairwise Jaccard distance of
 * the genre sets, {@code null} for fewer than two items).
 *
 * <p>Errors: 400 {@code bad_request} (malformed JSON, an unknown field, missing/mistyped {@code
 * user_id}, {@code k} outside [1, max_k], {@code offset} outside [0, 1000], bad filters or rules,
 * {@code year_min > year_max}, {@code diversity} not a number in [0, 1]), 413, 503 {@code
 * model_not_loaded}.
 */
public final class RecommendService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/recommend";
  /** Metrics/request-log descriptor. */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.POST, true);
  /** Accepted top-level request fields. */
  public static final SequencedSet<String> FIELDS =
      JsonBody.fields("user_id", "k", "offset", "exclude_seen", "filters", "explain", "diversity", "rules");

  /**
   * One recommended movie.
   *
   * @param score inner product, or the popularity score for a fallback
   * @param year release year or {@code null}
   * @param coldStart {@code true} when the item's vector did not come from training (a movie added by
   *     {@code PUT /admin/items}, or one of the model's {@code cold_start_items.json})
   */
  public record Item(long movieId, String title, double score, List<String> genres, Integer year,
      boolean coldStart, @JsonInclude(JsonInclude.Include.NON_NULL) List<Because> because) {
    public Item(long movieId, String title, double score, List<String> genres, Integer year) {
      this(movieId, title, score, genres, year, false, null);
    }
  }

  /** One item of the user's history that explains a recommendation. */
  public record Because(long movieId, String title) {}

  /** The response body; {@code genreDiversity} see {@link GenreDiversity}. */
  public record Response(long userId, List<Item> recommendations, String modelVersion, boolean isFallback,
      String fallbackReason, String variant, Double genreDiversity) {}

  private final ModelHolder models;
  private final Recommender recommender;
  private final ServiceMetrics metrics;
  private final int maxK;
  private final long maxBodyBytes;
  private final Experiment experiment;
  private final RealtimeUsers realtime;
  private final DiversityConfig diversity;

  /**
   * @param experiment the running A/B experiment, or {@code null} for none
   * @param realtime the real-time user overlay
   * @param diversity MMR settings ({@code diversity.candidate_pool}, {@code diversity.max_cost})
   */
  public RecommendService(ModelHolder models, Recommender recommender, ServiceMetrics metrics, int maxK,
      long maxBodyBytes, Experiment experiment, RealtimeUsers realtime, DiversityConfig diversity) {
    this.diversity = diversity;
    this.realtime = realtime;
    this.experiment = experiment;
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
    long userId = JsonBody.requiredLong(body, "user_id");
    info.userId(userId);
    ListOptions options = new ListOptions(JsonBody.optionalInt(body, "k", 10, 1, maxK), ListRequest.offset(body),
        JsonBody.optionalBoolean(body, "exclude_seen", true), ListRequest.filter(body),
        ListRequest.diversity(body, diversity.candidatePool()), ListRequest.rules(body));
    boolean explain = JsonBody.optionalBoolean(body, "explain", false);
    String variant = null;
    ModelSnapshot model;
    if (experiment == null) {
      model = Models.require(models);
    } else {
      Experiment.Arm arm = experiment.assign(userId);
      variant = arm.name();
      info.variant(variant);
      metrics.variantRequest(experiment.name(), variant);
      model = Models.require(arm.models());
    }
    info.modelVersion(model.version());
    ListRequest.requireMmrCost(options, model.artifacts().items().size(), diversity.maxCost());

    RealtimeUsers.UserState state = realtime.state(model, userId);
    Recommendations recs = recommender.recommend(model, userId, options, state);
    if (recs.fallback()) {
      metrics.fallback(recs.fallbackReason());
      info.fallback(recs.fallbackReason());
    }
    List<Recommendations.Scored> scored = recs.items();
    long[] movieIds = new long[scored.size()];
    double[] scores = new double[scored.size()];
    for (int i = 0; i < movieIds.length; i++) {
      movieIds[i] = scored.get(i).movieId();
      scores[i] = scored.get(i).score();
    }
    info.results(movieIds, scores);
    int[] userRows = explain && !recs.fallback() ? Recommender.userRows(model, userId, state) : null;
    if (userRows == null) { // the hot path: pre-encoded items, same bytes as the Response record
      Responses.okBytes(res, RecommendResponseJson.write(model, userId, recs, variant, genreDiversity(model, scored)));
      return;
    }
    List<Item> items = scored.stream().map(s -> item(model, s, userRows)).toList();
    Responses.ok(res, new Response(userId, items, model.version(), recs.fallback(), recs.fallbackReason(),
        variant, genreDiversity(items)));
  }

  /**
   * The {@link GenreDiversity} of the scored items: from the model's genre bit masks ({@link
   * GenreDiversity#ofMasks}, same value) when every item has a row and the model has masks, else
   * from the items' genre lists ({@link #genreDiversity(List)}).
   */
  static Double genreDiversity(ModelSnapshot model, List<Recommendations.Scored> scored) {
    long[] masks = new long[scored.size()];
    for (int i = 0; i < masks.length; i++) {
      int row = scored.get(i).row();
      if (row < 0 || !model.hasGenreMasks()) {
        return genreDiversity(scored.stream().map(s -> item(model, s, null)).toList());
      }
      masks[i] = model.genreMaskOfRow(row);
    }
    return GenreDiversity.ofMasks(masks);
  }

  /** {@link GenreDiversity} of the returned items. */
  static Double genreDiversity(List<Item> items) {
    return GenreDiversity.of(items.stream().map(Item::genres).toList());
  }

  static Item item(ModelSnapshot model, Recommendations.Scored s, int[] userRows) {
    Movie m = model.artifacts().catalog().get(s.movieId());
    List<Because> because = userRows == null ? null
        : Recommender.because(model, model.artifacts().items().rowOf(s.movieId()), userRows).stream()
            .map(c -> new Because(c.movieId(), title(model, c.movieId()))).toList();
    boolean cold = coldStart(model, s.row());
    return m == null
        ? new Item(s.movieId(), null, s.score(), List.of(), null, cold, because)
        : new Item(s.movieId(), m.title(), s.score(), m.genres(), m.year(), cold, because);
  }

  /** Whether item row {@code row} is cold-start ({@link ModelSnapshot#isColdRow}); false for -1 (no row). */
  static boolean coldStart(ModelSnapshot model, int row) {
    return row >= 0 && model.isColdRow(row);
  }

  static String title(ModelSnapshot model, long movieId) {
    Movie m = model.artifacts().catalog().get(movieId);
    return m == null ? null : m.title();
  }
}
