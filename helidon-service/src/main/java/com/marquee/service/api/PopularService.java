package com.marquee.service.api;

import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.domain.Movie;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.QueryParams;
import com.marquee.service.http.RequestInfo;
import com.marquee.service.http.Responses;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.recommend.ItemFilter;
import com.marquee.service.recommend.ListOptions;
import com.marquee.service.recommend.Recommendations;
import com.marquee.service.recommend.Recommender;
import com.marquee.service.recommend.ScoreRules;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.SequencedSet;

/**
 * {@code GET /popular?k=10&offset=0&genre=Comedy} (SPEC §5): the model's popularity ranking ({@code
 * popularity.json}), overall or for one genre, entries {@code offset .. offset + k - 1}, with the
 * business rules of the configuration applied ({@link ScoreRules}).
 *
 * <p>Response 200: {@code {"recommendations": [{"movie_id", "title", "popularity_score"}], "source",
 * "model_version"}}; {@code source} is {@code "overall"} or {@code "genre:<Name>"} with the genre's
 * canonical spelling. The genre is matched case-insensitively.
 *
 * <p>Errors: 400 {@code bad_request} ({@code k} not an integer in [1, max_k], {@code offset} not one in
 * [0, 1000], a query parameter other than {@code k}, {@code offset} and {@code genre}); 404 {@code not_found}
 * for a genre the model does not know (the message lists the known ones); 503 {@code model_not_loaded}.
 */
public final class PopularService implements HttpService {

  /** Path of this resource. */
  public static final String PATH = "/popular";
  /** Metrics/request-log descriptor. */
  public static final Endpoint ENDPOINT = Endpoint.of(PATH, Method.GET, true);
  /** Accepted query parameters. */
  public static final SequencedSet<String> PARAMS = JsonBody.fields("k", "offset", "genre");

  /** One popular movie; {@code popularityScore} = count / max count, in (0, 1]. */
  public record Item(long movieId, String title, double popularityScore) {}

  /** The response body. */
  public record Response(List<Item> recommendations, String source, String modelVersion) {}

  private final ModelHolder models;
  private final Recommender recommender;
  private final int maxK;

  public PopularService(ModelHolder models, Recommender recommender, int maxK) {
    this.models = models;
    this.recommender = recommender;
    this.maxK = maxK;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::popular);
  }

  private void popular(ServerRequest req, ServerResponse res) {
    RequestInfo info = RequestInfo.of(req);
    QueryParams.requireKnown(req, PARAMS);
    int k = QueryParams.optionalInt(req, "k", 10, 1, maxK);
    int offset = QueryParams.optionalInt(req, "offset", 0, 0, ListRequest.MAX_OFFSET);
    String genre = QueryParams.optionalString(req, "genre");
    ModelSnapshot model = Models.require(models);
    info.modelVersion(model.version());

    List<PopularItem> ranking;
    String source;
    if (genre == null) {
      ranking = model.artifacts().popularity().overall();
      source = "overall";
    } else {
      String key = ModelSnapshot.genreKey(genre);
      ranking = model.popularOfGenre(key).orElseThrow(() -> ApiException.notFound(
          "unknown genre '" + genre + "'; known genres: " + model.genreNames()));
      source = "genre:" + model.genreName(key).orElse(genre);
    }
    List<Recommendations.Scored> top = recommender.popular(model, ranking,
        new ListOptions(k, offset, false, ItemFilter.NONE, Recommender.Diversity.OFF, ScoreRules.NONE));
    List<Item> items = top.stream().map(s -> new Item(s.movieId(), title(model, s.movieId()), s.score())).toList();
    info.results(top.stream().mapToLong(Recommendations.Scored::movieId).toArray(),
        top.stream().mapToDouble(Recommendations.Scored::score).toArray());
    Responses.ok(res, new Response(items, source, model.version()));
  }

  private static String title(ModelSnapshot model, long movieId) {
    Movie m = model.artifacts().catalog().get(movieId);
    return m == null ? null : m.title();
  }
}
