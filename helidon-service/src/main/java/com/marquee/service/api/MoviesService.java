package com.marquee.service.api;

import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.domain.Movie;
import com.marquee.service.catalog.MovieSearch;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.Endpoint;
import com.marquee.service.http.JsonBody;
import com.marquee.service.http.QueryParams;
import com.marquee.service.http.Responses;
import com.marquee.service.model.CoOccurrence;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
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

/**
 * The catalog of the served model: {@code GET /movies} (title search with filters, {@link
 * MovieSearch}) and {@code GET /movies/{movie_id}} (one movie with its similar movies and what the
 * people who liked it also liked).
 *
 * <p>{@code GET /movies?q=&genre=&year_min=&year_max=&limit=20&offset=0} → 200 {@code {"movies":
 * [{"movie_id", "title", "year", "genres", "popularity_rank"}], "total", "model_version"}}: every
 * movie of {@code item_features.json} (also those the model has no embedding for), {@code q}
 * matched typo-tolerantly against titles and ranked by match quality, then popularity; without
 * {@code q} by popularity. {@code total} counts all matches; {@code limit} in [1, {@value
 * #MAX_LIMIT}], {@code offset} in [0, {@value #MAX_OFFSET}]; {@code q} at most {@value
 * #MAX_QUERY_CHARS} characters; {@code genre} case-insensitive (an unknown genre matches nothing);
 * {@code year_min <= year_max}, inclusive, excluding movies without a year. Catalog changes apply: movies
 * added by {@code PUT /admin/items} are listed (with {@code "cold_start": true} when they have a content
 * vector), hidden ones are not, and {@code GET /movies/{movie_id}} of a hidden movie is 404.
 *
 * <p>{@code GET /movies/{movie_id}?k=10} → 200 {@code {"movie_id", "title", "year", "genres",
 * "popularity_rank", "popularity_count", "popularity_score", "in_model", "training_users",
 * "similar", "also_liked", "similarity", "model_version"}}: {@code similar} = the first {@code k}
 * of {@code POST /similar} ({@link Recommender#similar}, ranked by {@code similarity}), {@code
 * also_liked} = the {@code k} items most co-liked in the training data ({@link CoOccurrence});
 * both empty for a catalog movie the model has no embedding for ({@code in_model: false}).
 *
 * <p>Errors: 400 {@code bad_request} (a parameter that is not an integer or out of range, {@code
 * year_min > year_max}, {@code q} too long); 404 {@code not_found} for a movie id that is not in
 * the catalog; 503 {@code model_not_loaded}. Not request-logged.
 */
public final class MoviesService implements HttpService {

  /** Path of the collection. */
  public static final String PATH = "/movies";
  /** Metrics descriptors (not request-logged). */
  public static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.of(PATH, Method.GET, false),
      Endpoint.of(PATH + "/{movie_id}", Method.GET, false));

  /** Largest {@code limit}. */
  public static final int MAX_LIMIT = 100;
  /** Accepted query parameters of {@code GET /movies}; any other is a 400 naming it. */
  public static final SequencedSet<String> SEARCH_PARAMS =
      JsonBody.fields("q", "genre", "year_min", "year_max", "limit", "offset");
  /** Accepted query parameters of {@code GET /movies/{movie_id}}. */
  public static final SequencedSet<String> DETAIL_PARAMS = JsonBody.fields("k");
  /** Largest {@code offset}. */
  public static final int MAX_OFFSET = 10_000;
  /** Longest {@code q}. */
  public static final int MAX_QUERY_CHARS = 200;
  /** Largest {@code k} of a movie's lists. */
  public static final int MAX_K = 100;

  /** One movie of a search result; {@code popularityRank} 1-based, {@code null} without popularity. */
  public record MovieItem(long movieId, String title, Integer year, List<String> genres, Integer popularityRank,
      boolean coldStart) {}

  /** The search response. */
  public record SearchResponse(List<MovieItem> movies, long total, String modelVersion) {}

  /** A similar movie; {@code score} as in {@code /similar}. */
  public record SimilarMovie(long movieId, String title, Integer year, List<String> genres, double score,
      boolean coldStart) {}

  /** A co-liked movie: {@code sharedUsers} liked both, {@code score} = their cosine in (0, 1]. */
  public record AlsoLikedMovie(long movieId, String title, Integer year, List<String> genres, int sharedUsers,
      double score) {}

  /**
   * The detail response.
   *
   * @param popularityCount positive interactions counted by the features job, {@code null} without popularity
   * @param popularityScore count / top count in (0, 1], {@code null} without popularity
   * @param trainingUsers users with the movie in the model's training data (0 when not in the model)
   * @param similarity the ranking of {@code similar} ({@code similar.ranking})
   * @param coldStart {@code true} when the movie's vector did not come from training (added by {@code PUT
   *     /admin/items}, or in the model's {@code cold_start_items.json})
   */
  public record DetailResponse(long movieId, String title, Integer year, List<String> genres, Integer popularityRank,
      Long popularityCount, Double popularityScore, boolean inModel, int trainingUsers,
      List<SimilarMovie> similar, List<AlsoLikedMovie> alsoLiked, String similarity, String modelVersion,
      boolean coldStart) {}

  private final ModelHolder models;
  private final Recommender recommender;

  /** @param recommender ranks the {@code similar} list (its {@link Recommender#similarity()}) */
  public MoviesService(ModelHolder models, Recommender recommender) {
    this.models = models;
    this.recommender = recommender;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", this::search)
        .get("/{movie_id}", this::detail);
  }

  private void search(ServerRequest req, ServerResponse res) {
    QueryParams.requireKnown(req, SEARCH_PARAMS);
    String q = QueryParams.optionalString(req, "q");
    if (q != null && q.length() > MAX_QUERY_CHARS) {
      throw ApiException.badRequest("'q' must be at most " + MAX_QUERY_CHARS + " characters");
    }
    String genre = QueryParams.optionalString(req, "genre");
    Integer yearMin = QueryParams.optionalInteger(req, "year_min");
    Integer yearMax = QueryParams.optionalInteger(req, "year_max");
    if (yearMin != null && yearMax != null && yearMin > yearMax) {
      throw ApiException.badRequest("'year_min' (" + yearMin + ") must be <= 'year_max' (" + yearMax + ")");
    }
    int limit = QueryParams.optionalInt(req, "limit", 20, 1, MAX_LIMIT);
    int offset = QueryParams.optionalInt(req, "offset", 0, 0, MAX_OFFSET);
    ModelSnapshot model = Models.require(models);
    MovieSearch.Page page = model.movieSearch().search(new MovieSearch.Request(q,
        genre == null ? null : ModelSnapshot.genreKey(genre), yearMin, yearMax, limit, offset));
    List<MovieItem> movies = page.hits().stream().map(h -> new MovieItem(h.movie().movieId(), h.movie().title(),
        h.movie().year(), h.movie().genres(), h.popularityRank(),
        RecommendService.coldStart(model, model.artifacts().items().rowOf(h.movie().movieId())))).toList();
    Responses.ok(res, new SearchResponse(movies, page.total(), model.version()));
  }

  private void detail(ServerRequest req, ServerResponse res) {
    QueryParams.requireKnown(req, DETAIL_PARAMS);
    long movieId = QueryParams.pathLong(req, "movie_id");
    int k = QueryParams.optionalInt(req, "k", 10, 1, MAX_K);
    ModelSnapshot model = Models.require(models);
    Movie movie = model.visibleMovie(movieId);
    if (movie == null) {
      throw ApiException.notFound("movie " + movieId + " is not in the catalog");
    }
    Integer rank = null;
    PopularItem popular = null;
    List<PopularItem> overall = model.artifacts().popularity().overall();
    for (int i = 0; i < overall.size() && popular == null; i++) {
      if (overall.get(i).movieId() == movieId) {
        popular = overall.get(i);
        rank = i + 1;
      }
    }
    int row = model.artifacts().items().rowOf(movieId);
    boolean trainedRow = row >= 0 && row < model.trainedItems();
    List<SimilarMovie> similar = new ArrayList<>();
    List<AlsoLikedMovie> alsoLiked = new ArrayList<>();
    if (row >= 0) {
      for (Recommendations.Scored s : recommender.similar(model, row, k)) {
        Movie m = movieOf(model, s.movieId());
        similar.add(new SimilarMovie(m.movieId(), m.title(), m.year(), m.genres(), s.score(),
            RecommendService.coldStart(model, s.row())));
      }
      // co-occurrence is over the training interactions: none for a row appended by a catalog change;
      // hidden movies are asked for beyond k and dropped
      CoOccurrence.Result co = trainedRow ? model.coOccurrence().alsoLiked(row, k + model.hiddenCount())
          : new CoOccurrence.Result(new int[0], new int[0], new float[0]);
      for (int i = 0; i < co.rows().length && alsoLiked.size() < k; i++) {
        if (model.isHidden(model.artifacts().items().externalId(co.rows()[i]))) {
          continue;
        }
        Movie m = movieOf(model, model.artifacts().items().externalId(co.rows()[i]));
        alsoLiked.add(new AlsoLikedMovie(m.movieId(), m.title(), m.year(), m.genres(), co.counts()[i],
            Double.parseDouble(Float.toString(co.scores()[i]))));
      }
    }
    Responses.ok(res, new DetailResponse(movieId, movie.title(), movie.year(), movie.genres(), rank,
        popular == null ? null : popular.count(), popular == null ? null : popular.score(), row >= 0,
        trainedRow ? model.coOccurrence().users(row) : 0, similar, alsoLiked,
        recommender.similarity().configName(), model.version(), RecommendService.coldStart(model, row)));
  }

  /** The catalog entry of {@code movieId}, or a placeholder without title when the catalog lacks it. */
  private static Movie movieOf(ModelSnapshot model, long movieId) {
    Movie m = model.artifacts().catalog().get(movieId);
    return m != null ? m : new Movie(movieId, null, null, List.of());
  }
}
