package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /movies, GET /movies/{movie_id}, GET /genres and cosine-ranked POST /similar over real HTTP:
 * exact orders on {@link TestModel}, title search on the whole bundled MovieLens catalog ({@link
 * MovieLensModel}).
 */
class MoviesApiTest {

  @TempDir static Path tmp;
  static MarqueeServer tiny;
  static MarqueeServer movieLens;
  static Http tinyHttp;
  static Http ml;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("tiny"), "v1");
    MovieLensModel.write(tmp.resolve("ml"), "ml-v1");
    tiny = MarqueeServer.start(Servers.config(tmp.resolve("tiny"), tmp.resolve("tiny.db"), List.of(), 65_536));
    movieLens = MarqueeServer.start(Servers.config(tmp.resolve("ml"), tmp.resolve("ml.db"), List.of(), 65_536));
    tinyHttp = new Http(tiny.port());
    ml = new Http(movieLens.port());
  }

  @AfterAll
  static void stop() {
    tiny.close();
    movieLens.close();
  }

  static List<String> titles(Http.Response r) {
    List<String> out = new ArrayList<>();
    r.json().get("movies").forEach(m -> out.add(m.get("title").asText()));
    return out;
  }

  @Test
  void aTypoStillFindsTheMatrixFirst() {
    Http.Response r = ml.get("/movies?q=matrx");
    assertThat(r.body(), r.status(), is(200));
    assertThat(r.movieIds("movies").get(0), is(2571L));
    assertThat(titles(r), hasItem("Matrix Reloaded, The"));
    assertThat(ml.get("/movies?q=MATRIX").movieIds("movies").get(0), is(2571L));
  }

  @Test
  void starWarsFindsTheEpisodesFirst() {
    Http.Response r = ml.get("/movies?q=star%20wars&limit=10");
    List<String> titles = titles(r);
    long episodes = titles.stream().filter(t -> t.startsWith("Star Wars: Episode")).count();
    assertThat(titles.toString(), episodes, greaterThanOrEqualTo(5L));
    assertThat(titles.get(0), startsWith("Star Wars: Episode"));
    assertThat(r.json().get("total").asLong(), greaterThanOrEqualTo(episodes));
  }

  @Test
  void accentsAreFoldedAndWordPrefixesMatch() {
    assertThat(ml.get("/movies?q=leon").movieIds("movies").get(0), is(293L)); // "Léon: The Professional"
    assertThat(ml.get("/movies?q=L%C3%A9on").movieIds("movies").get(0), is(293L));
    assertThat(ml.get("/movies?q=toy%20sto").movieIds("movies").subList(0, 3), contains(1L, 3114L, 78499L));
    assertThat(ml.get("/movies?q=toy").movieIds("movies").get(0), is(1L));
  }

  @Test
  void aWordMissingFromTheTitleDoesNotEmptyALongerQuery() {
    // three words: all but one must match, so "2" (not a title word of the first film) still finds the series
    List<Long> ids = ml.get("/movies?q=toy%20story%202&limit=3").movieIds("movies");
    assertThat(ids, hasItem(3114L));
    assertThat(ids, hasItem(1L));
  }

  @Test
  void withoutQueryEveryMovieByPopularityRankThenId() {
    Http.Response r = tinyHttp.get("/movies");
    assertThat(r.status(), is(200));
    assertThat(r.movieIds("movies"), contains(44L, 11L, 88L, 55L, 22L, 33L, 66L, 77L));
    assertThat(r.json().get("total").asLong(), is(8L));
    assertThat(r.json().get("model_version").asText(), is("v1"));
    JsonNode first = r.json().get("movies").get(0);
    assertThat(first.get("title").asText(), is("Delta"));
    assertThat(first.get("year").asInt(), is(1994));
    assertThat(first.get("genres").get(0).asText(), is("Comedy"));
    assertThat(first.get("popularity_rank").asInt(), is(1));
    assertThat(r.json().get("movies").get(5).get("popularity_rank").isNull(), is(true));
  }

  @Test
  void genreYearAndPaging() {
    assertThat(tinyHttp.get("/movies?genre=comedy").movieIds("movies"), contains(44L, 11L, 55L));
    assertThat(tinyHttp.get("/movies?genre=Western").json().get("total").asLong(), is(0L));
    // year bounds are inclusive and drop movie 55 (no year)
    assertThat(tinyHttp.get("/movies?year_min=1995&year_max=2005").movieIds("movies"), contains(11L, 88L, 22L, 33L));
    assertThat(tinyHttp.get("/movies?genre=Comedy&year_max=1994").movieIds("movies"), contains(44L));
    Http.Response page = tinyHttp.get("/movies?limit=2&offset=1");
    assertThat(page.movieIds("movies"), contains(11L, 88L));
    assertThat(page.json().get("total").asLong(), is(8L));
    assertThat(tinyHttp.get("/movies?offset=8").movieIds("movies"), is(List.of()));
    assertThat(tinyHttp.get("/movies?q=hotel").movieIds("movies"), contains(88L));
    assertThat(tinyHttp.get("/movies?q=zzzzzz").json().get("total").asLong(), is(0L));
  }

  @Test
  void badParametersAre400AndUnknownMovie404() {
    for (String q : List.of("limit=0", "limit=101", "limit=x", "offset=-1", "offset=10001", "year_min=abc",
        "year_min=2000&year_max=1990", "q=" + "a".repeat(201))) {
      Http.Response r = tinyHttp.get("/movies?" + q);
      assertThat(q, r.status(), is(400));
      assertThat(q, r.json().get("error").asText(), is("bad_request"));
    }
    assertThat(tinyHttp.get("/movies/abc").status(), is(400));
    assertThat(tinyHttp.get("/movies/22?k=0").status(), is(400));
    Http.Response missing = tinyHttp.get("/movies/12345");
    assertThat(missing.status(), is(404));
    assertThat(missing.json().get("error").asText(), is("not_found"));
    assertThat(missing.json().get("message").asText(), containsString("12345"));
    assertThat(tinyHttp.post("/movies", "{}").status(), is(405));
    assertThat(tinyHttp.post("/movies/22", "{}").status(), is(405));
  }

  @Test
  void detailHasPopularityAndCosineSimilarMovies() {
    Http.Response r = tinyHttp.get("/movies/22?k=3");
    assertThat(r.body(), r.status(), is(200));
    JsonNode j = r.json();
    assertThat(j.get("title").asText(), is("Bravo"));
    assertThat(j.get("popularity_rank").asInt(), is(5));
    assertThat(j.get("popularity_count").asLong(), is(1L));
    assertThat(j.get("popularity_score").asDouble(), closeTo(0.2, 1e-9));
    assertThat(j.get("in_model").asBoolean(), is(true));
    assertThat(j.get("training_users").asInt(), is(1));
    assertThat(j.get("similarity").asText(), is("cosine"));
    assertThat(r.movieIds("similar"), contains(11L, 44L, 88L));
    assertThat(j.get("similar").get(0).get("score").asDouble(), closeTo(0.45 / (Math.sqrt(0.26) * Math.sqrt(0.85)), 1e-6));
    // one training user per item pair at most in the tiny model: below the support of 2
    assertThat(j.get("also_liked").size(), is(0));
  }

  @Test
  void similarRanksByCosineByDefault() {
    // movie 22 = (0.9, 0, 0.2, 0): cosines 11 .957, 44 .939, 88 .896, 66 .873, 55 .688, 77 .212, 33 .144
    Http.Response r = tinyHttp.post("/similar", "{\"movie_id\": 22}");
    assertThat(r.movieIds("similar_items"), contains(11L, 44L, 88L, 66L, 55L, 77L, 33L));
    assertThat(r.json().get("similar_items").get(1).get("score").asDouble(),
        closeTo(0.63 / (Math.sqrt(0.53) * Math.sqrt(0.85)), 1e-6));
  }

  @Test
  void alsoLikedIsCoOccurrenceWithSupport() {
    JsonNode j = ml.get("/movies/1?k=10").json();
    List<Long> also = new ArrayList<>();
    double previous = Double.MAX_VALUE;
    for (JsonNode m : j.get("also_liked")) {
      also.add(m.get("movie_id").asLong());
      assertThat(m.get("shared_users").asInt(), greaterThanOrEqualTo(2));
      assertThat(m.get("score").asDouble() <= previous, is(true));
      previous = m.get("score").asDouble();
    }
    assertThat(also.size(), is(10));
    assertThat(also, not(hasItem(1L)));
    assertThat(also, hasItem(3114L)); // Toy Story 2
    assertThat(j.get("training_users").asInt(), greaterThanOrEqualTo(also.size()));
  }

  @Test
  void genresOfTheModel() {
    Http.Response r = tinyHttp.get("/genres");
    assertThat(r.status(), is(200));
    List<String> genres = new ArrayList<>();
    r.json().get("genres").forEach(g -> genres.add(g.asText()));
    assertThat(genres, contains("Action", "Animation", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi"));
    assertThat(genres, everyItem(not(is(""))));
  }
}
