package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.service.recommend.SimilarConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /similar with {@code similar.ranking: inner_product} and GET /popular against {@link
 * TestModel} over real HTTP (the default cosine ranking: {@code MoviesApiTest}).
 */
class CatalogApiTest {

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    server = MarqueeServer.start(Servers.config(tmp.resolve("model"), tmp.resolve("requests.db"), List.of(), 65_536)
        .with(new SimilarConfig("inner_product")));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void similarReturnsLargestInnerProductsWithoutTheMovieItself() {
    // movie 22 = (0.9, 0, 0.2, 0): dots 66 .72, 44 .63, 88 .56, 11 .45, 55 .37, 77 .18, 33 .09
    Http.Response r = http.post("/similar", "{\"movie_id\": 22, \"k\": 3}");
    assertThat(r.body(), r.status(), is(200));
    JsonNode j = r.json();
    assertThat(j.get("movie_id").asLong(), is(22L));
    assertThat(j.get("title").asText(), is("Bravo"));
    assertThat(j.get("model_version").asText(), is("v1"));
    assertThat(r.movieIds("similar_items"), contains(66L, 44L, 88L));
    assertThat(j.get("similar_items").get(0).get("title").asText(), is("Foxtrot"));
    assertThat(j.get("similar_items").get(0).get("score").asDouble(), closeTo(0.72, 1e-6));
    assertThat(j.get("similar_items").get(1).get("score").asDouble(), closeTo(0.63, 1e-6));
    assertThat(j.get("similar_items").get(2).get("score").asDouble(), closeTo(0.56, 1e-6));
  }

  @Test
  void similarDefaultKReturnsEveryOtherItem() {
    Http.Response r = http.post("/similar", "{\"movie_id\": 22}");
    assertThat(r.movieIds("similar_items"), contains(66L, 44L, 88L, 11L, 55L, 77L, 33L));
    assertThat(r.movieIds("similar_items"), not(hasItem(22L)));
  }

  @Test
  void similarUnknownMovieIs404() {
    Http.Response r = http.post("/similar", "{\"movie_id\": 12345}");
    assertThat(r.status(), is(404));
    assertThat(r.json().get("error").asText(), is("not_found"));
    assertThat(r.json().get("message").asText(), containsString("12345"));
  }

  @Test
  void similarBadRequests() {
    for (String body : List.of("{}", "{\"movie_id\": \"x\"}", "{\"movie_id\": 22, \"k\": 0}",
        "{\"movie_id\": 22, \"k\": 1001}", "{")) {
      Http.Response r = http.post("/similar", body);
      assertThat(body, r.status(), is(400));
      assertThat(r.json().get("error").asText(), is("bad_request"));
    }
  }

  @Test
  void popularOverall() {
    Http.Response r = http.get("/popular?k=2");
    assertThat(r.status(), is(200));
    JsonNode j = r.json();
    assertThat(j.get("source").asText(), is("overall"));
    assertThat(r.movieIds("recommendations"), contains(44L, 11L));
    assertThat(j.get("recommendations").get(0).get("title").asText(), is("Delta"));
    assertThat(j.get("recommendations").get(0).get("popularity_score").asDouble(), closeTo(1.0, 1e-9));
    assertThat(j.get("recommendations").get(1).get("popularity_score").asDouble(), closeTo(0.8, 1e-9));
    assertThat(http.get("/popular").movieIds("recommendations"), contains(44L, 11L, 88L, 55L, 22L));
  }

  @Test
  void popularByGenreIsCaseInsensitive() {
    Http.Response r = http.get("/popular?genre=comedy&k=10");
    assertThat(r.status(), is(200));
    assertThat(r.json().get("source").asText(), is("genre:Comedy"));
    assertThat(r.movieIds("recommendations"), contains(44L, 11L, 55L));
    assertThat(http.get("/popular?genre=Sci-Fi").status(), is(404)); // in the catalog, not in popularity.json
  }

  @Test
  void popularUnknownGenreIs404ListingKnownGenres() {
    Http.Response r = http.get("/popular?genre=Western");
    assertThat(r.status(), is(404));
    assertThat(r.json().get("error").asText(), is("not_found"));
    assertThat(r.json().get("message").asText(), containsString("Comedy"));
  }

  @Test
  void popularBadK() {
    for (String q : List.of("k=0", "k=1001", "k=abc", "k=2.5", "k=")) {
      Http.Response r = http.get("/popular?" + q);
      assertThat(q, r.status(), is(400));
      assertThat(r.json().get("error").asText(), is("bad_request"));
    }
  }
}
