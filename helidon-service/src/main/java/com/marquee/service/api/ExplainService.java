package com.marquee.service.api;

import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.QueryParams;
import com.marquee.service.http.RequestInfo;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.realtime.RealtimeUsers;
import com.marquee.service.recommend.Recommender;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.SequencedSet;

/**
 * {@code GET /explain?user_id=..&movie_id=..[&k=10]} (SPEC §5): which of the user's items explain
 * the score of a movie ("because you watched X").
 *
 * <p>Response 200: {@code {"user_id", "movie_id", "title", "score", "contributions": [{"movie_id",
 * "title", "contribution"}], "method": "item_cosine", "model_version"}}. {@code score} is the
 * recommendation score {@code dot(x_u, y_i)} (with the real-time overlay vector when the user has
 * one). {@code contributions} are the user's items — training items ({@code user_items.bin}) plus
 * positive {@code /feedback} items since the model was loaded — other than the movie itself, ranked
 * by the <b>cosine similarity of the item vectors</b> in the learned embedding space, {@code
 * cos(y_i, y_j) = y_i . y_j / (|y_i| |y_j|)} in [-1, 1], largest first, ties by ascending movie id;
 * the first {@code k} (default 10) are returned. This is a similarity-based explanation (neighbours
 * of the candidate among the user's items), not the exact additive decomposition of the score of
 * Hu et al. (2008) §5.
 *
 * <p>Errors: 400 {@code bad_request} ({@code user_id} or {@code movie_id} missing or not an integer,
 * {@code k} outside [1, max_k], a query parameter other than these three); 404 {@code not_found} for a
 * user the model does not know (and without positive real-time events) or a movie not in the model;
 * 503 {@code model_not_loaded}.
 */
public final class ExplainService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/explain";
  /** Metrics descriptor (not written to {@code request_logs}). */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.GET, false);
  /** Accepted query parameters. */
  public static final SequencedSet<String> PARAMS = JsonBody.fields("user_id", "movie_id", "k");
  /** Value of {@code method}. */
  public static final String METHOD = "item_cosine";

  /** One contributing item. */
  public record Contribution(long movieId, String title, double contribution) {}

  /** The response body. */
  public record Response(long userId, long movieId, String title, double score, List<Contribution> contributions,
      String method, String modelVersion) {}

  private final ModelHolder models;
  private final RealtimeUsers realtime;
  private final int maxK;

  public ExplainService(ModelHolder models, RealtimeUsers realtime, int maxK) {
    this.models = models;
    this.realtime = realtime;
    this.maxK = maxK;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::explain);
  }

  private void explain(ServerRequest req, ServerResponse res) {
    RequestInfo info = RequestInfo.of(req);
    QueryParams.requireKnown(req, PARAMS);
    long userId = QueryParams.requiredLong(req, "user_id");
    long movieId = QueryParams.requiredLong(req, "movie_id");
    info.userId(userId);
    int k = QueryParams.optionalInt(req, "k", 10, 1, maxK);
    ModelSnapshot model = Models.require(models);
    info.modelVersion(model.version());
    RealtimeUsers.UserState state = realtime.state(model, userId);
    int[] userRows = Recommender.userRows(model, userId, state);
    float[] x = Recommender.userVector(model, userId, state);
    if (userRows == null || x == null) {
      throw ApiException.notFound("user " + userId + " is not in the model");
    }
    int row = model.visibleRowOf(movieId);
    if (row < 0) {
      throw ApiException.notFound("movie " + movieId + " is not in the model");
    }
    float[] y = model.artifacts().itemFactors().row(row);
    float score = 0;
    for (int j = 0; j < x.length; j++) {
      score += x[j] * y[j];
    }
    List<Contribution> contributions = Recommender.contributions(model, row, userRows).stream()
        .limit(k)
        .map(c -> new Contribution(c.movieId(), RecommendService.title(model, c.movieId()), c.contribution()))
        .toList();
    Responses.ok(res, new Response(userId, movieId, RecommendService.title(model, movieId),
        Double.parseDouble(Float.toString(score)), contributions, METHOD, model.version()));
  }
}
