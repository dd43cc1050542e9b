package com.marquee.service.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.common.domain.Movie;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.RequestInfo;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
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
 * {@code POST /similar} (SPEC §5): items whose embeddings have the largest inner product with the
 * given movie's embedding (what FAISS {@code IndexFlatIP} over {@code item_embeddings.npy}
 * returns), excluding the movie itself; each item says whether it is {@code cold_start}.
 *
 * <p>Request: {@code {"movie_id": int, "k": int = 10, "offset": int = 0, "filters"?: {...}, "rules"?:
 * {...}}} ({@code offset}, {@code filters} and {@code rules} as in {@link RecommendService}; any other
 * field is a 400 naming it). Response 200: {@code {"movie_id", "title",
 * "similar_items": [{"movie_id", "title", "score"}], "model_version"}}.
 *
 * <p>Errors: 400 {@code bad_request} (also for an unknown field); 404 {@code not_found} when the movie has no embedding in the
 * model (unknown, in the catalog without training interactions or a content vector, or hidden by
 * {@code DELETE /admin/items/{movie_id}}); 413; 503 {@code model_not_loaded}. Movies added by {@code PUT
 * /admin/items} are queries and results like trained ones, marked {@code "cold_start": true}.
 */
public final class SimilarService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/similar";
  /** Metrics/request-log descriptor. */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.POST, true);
  /** Accepted top-level request fields. */
  public static final SequencedSet<String> FIELDS = JsonBody.fields("movie_id", "k", "offset", "filters", "rules");

  /**
   * One similar movie; {@code score} is the cosine or inner product of the two embeddings ({@code
   * similar.ranking}); {@code coldStart} true when its vector did not come from training.
   */
  public record Item(long movieId, String title, double score, boolean coldStart) {}

  /** The response body. */
  public record Response(long movieId, String title, List<Item> similarItems, String modelVersion) {}

  private final ModelHolder models;
  private final Recommender recommender;
  private final int maxK;
  private final long maxBodyBytes;

  public SimilarService(ModelHolder models, Recommender recommender, int maxK, long maxBodyBytes) {
    this.models = models;
    this.recommender = recommender;
    this.maxK = maxK;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/", this::similar);
  }

  private void similar(ServerRequest req, ServerResponse res) {
    RequestInfo info = RequestInfo.of(req);
    ObjectNode body = JsonBody.readObject(req, maxBodyBytes);
    JsonBody.requireKnownFields(body, "", FIELDS);
    long movieId = JsonBody.requiredLong(body, "movie_id");
    ListOptions options = new ListOptions(JsonBody.optionalInt(body, "k", 10, 1, maxK), ListRequest.offset(body),
        false, ListRequest.filter(body), Recommender.Diversity.OFF, ListRequest.rules(body));
    ModelSnapshot model = Models.require(models);
    info.modelVersion(model.version());
    int row = model.visibleRowOf(movieId);
    if (row < 0) {
      throw ApiException.notFound("movie " + movieId + " is not in the model");
    }
    List<Recommendations.Scored> similar = recommender.similar(model, row, options);
    List<Item> items = similar.stream().map(s -> new Item(s.movieId(), title(model, s.movieId()), s.score(),
        RecommendService.coldStart(model, s.row()))).toList();
    info.results(similar.stream().mapToLong(Recommendations.Scored::movieId).toArray(),
        similar.stream().mapToDouble(Recommendations.Scored::score).toArray());
    Responses.ok(res, new Response(movieId, title(model, movieId), items, model.version()));
  }

  private static String title(ModelSnapshot model, long movieId) {
    Movie m = model.artifacts().catalog().get(movieId);
    return m == null ? null : m.title();
  }
}
