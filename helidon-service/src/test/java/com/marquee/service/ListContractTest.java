package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.recommend.RulesConfig;
import com.marquee.service.recommend.SimilarConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request contract shared by the list endpoints, over real HTTP against {@link TestModel}:
 * unknown fields and query parameters rejected by name, {@code offset} paging, {@code filters} on
 * {@code /similar}, and business rules from the configuration and from the request. Two servers: one
 * without rules ({@link #plain}) and one whose {@code rules} section excludes Romance and doubles the
 * score of Comedy ({@link #ruled}). Both rank {@code /similar} by inner product, so expected lists are
 * worked out by hand from the dot products of TestModel's table.
 */
class ListContractTest {

  @TempDir static Path tmp;
  static MarqueeServer plainServer;
  static MarqueeServer ruledServer;
  static Http plain;
  static Http ruled;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    SimilarConfig innerProduct = new SimilarConfig("inner_product"); // the table's dots
    plainServer = MarqueeServer.start(Servers.config(tmp.resolve("model"), tmp.resolve("plain.db"), List.of(), 65_536)
        .with(innerProduct));
    plain = new Http(plainServer.port());
    ServingConfig c = Servers.config(tmp.resolve("model"), tmp.resolve("ruled.db"), List.of(), 65_536);
    RulesConfig rules = new RulesConfig(List.of(), List.of("romance"),
        List.of(new RulesConfig.Adjustment(List.of(), List.of("Comedy"), 2.0, null)), null);
    ruledServer = MarqueeServer.start(c.with(innerProduct).with(rules));
    ruled = new Http(ruledServer.port());
  }

  @AfterAll
  static void stop() {
    plainServer.close();
    ruledServer.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/recommend|{\"user_id\": 1, \"filters\": {\"genre\": \"Comedy\"}}"
          + "|unknown field 'filters.genre' (allowed: genres, year_min, year_max)",
      "/recommend|{\"user_id\": 1, \"rules\": {\"boost\": []}}"
          + "|unknown field 'rules.boost' (allowed: exclude_movie_ids, exclude_genres, adjustments)",
      "/recommend|{\"user_id\": 1, \"rules\": {\"adjustments\": [{\"genres\": [\"Comedy\"], \"mult\": 2}]}}"
          + "|unknown field 'rules.adjustments[0].mult' (allowed: movie_ids, genres, multiply, add)",
      "/recommend/anonymous|{\"items\": [11], \"user_id\": 1}"
          + "|unknown field 'user_id' (allowed: items, k, offset, exclude_seen, filters, explain, diversity, rules)",
      "/similar|{\"movie_id\": 22, \"exclude_seen\": true}"
          + "|unknown field 'exclude_seen' (allowed: movie_id, k, offset, filters, rules)",
      "/similar|{\"movie_id\": 22, \"filters\": {\"year\": 1999}}"
          + "|unknown field 'filters.year' (allowed: genres, year_min, year_max)",
      "/feedback|{\"user_id\": 1, \"movie_id\": 11, \"event\": \"watch\", \"rating\": 5}"
          + "|unknown field 'rating' (allowed: user_id, movie_id, event, value, timestamp)",
      "/recommend|{\"user_id\": 1, \"offset\": 1001}|'offset' must be in [0, 1000], got 1001",
      "/recommend|{\"user_id\": 1, \"offset\": -1}|'offset' must be in [0, 1000], got -1",
      "/recommend|{\"user_id\": 1, \"rules\": {\"adjustments\": [{\"multiply\": 2}]}}"
          + "|'rules.adjustments[0]' needs 'movie_ids' or 'genres'",
      "/recommend|{\"user_id\": 1, \"rules\": {\"adjustments\": [{\"genres\": [\"Drama\"], \"multiply\": -1}]}}"
          + "|'rules.adjustments[0].multiply' must be >= 0, got -1.0",
      "/recommend|{\"user_id\": 1, \"rules\": {\"exclude_movie_ids\": [\"x\"]}}"
          + "|'rules.exclude_movie_ids' must contain only integer movie ids, got \"x\""})
  void unknownOrBadFieldsAre400NamingThem(String path, String body, String message) {
    Http.Response r = plain.post(path, body);
    assertThat(r.body(), r.status(), is(400));
    assertThat(r.json().get("error").asText(), is("bad_request"));
    assertThat(r.json().get("message").asText(), is(message));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/popular?k=5&genres=Comedy|unknown query parameter 'genres' (allowed: k, offset, genre)",
      "/popular?offset=1001|'offset' must be in [0, 1000], got 1001",
      "/explain?user_id=1&movie_id=66&limit=3|unknown query parameter 'limit' (allowed: user_id, movie_id, k)"})
  void unknownQueryParametersAre400NamingThem(String pathAndQuery, String message) {
    Http.Response r = plain.get(pathAndQuery);
    assertThat(r.body(), r.status(), is(400));
    assertThat(r.json().get("message").asText(), is(message));
  }

  @Test
  void offsetPagesThroughTheSameList() {
    // user 1 = e1, seen {22, 44}: 66 .8, 88 .6, 11 .5, 55 .3, 77 .2, 33 .1
    assertThat(plain.post("/recommend", "{\"user_id\": 1, \"k\": 2}").movieIds("recommendations"), is(List.of(66L, 88L)));
    assertThat(plain.post("/recommend", "{\"user_id\": 1, \"k\": 2, \"offset\": 2}").movieIds("recommendations"),
        is(List.of(11L, 55L)));
    assertThat(plain.post("/recommend", "{\"user_id\": 1, \"k\": 5, \"offset\": 4}").movieIds("recommendations"),
        is(List.of(77L, 33L)));
    assertThat(plain.post("/recommend", "{\"user_id\": 1, \"offset\": 6}").movieIds("recommendations"), is(List.of()));
    // the same pages off the per-user cache's path (a filter bypasses it)
    assertThat(plain.post("/recommend", "{\"user_id\": 1, \"k\": 2, \"offset\": 1, \"filters\": {\"year_min\": 1900}}")
        .movieIds("recommendations"), is(List.of(88L, 11L)));
    // a fallback pages the popularity ranking 44, 11, 88, 55, 22
    assertThat(plain.post("/recommend", "{\"user_id\": 999, \"k\": 2, \"offset\": 1}").movieIds("recommendations"),
        is(List.of(11L, 88L)));
    // anonymous from movie 22 (only item): the offset-0 list's third and fourth entries
    List<Long> all = plain.post("/recommend/anonymous", "{\"items\": [22], \"k\": 7}").movieIds("recommendations");
    assertThat(plain.post("/recommend/anonymous", "{\"items\": [22], \"k\": 2, \"offset\": 2}")
        .movieIds("recommendations"), is(all.subList(2, 4)));
    assertThat(plain.get("/popular?k=2&offset=1").movieIds("recommendations"), is(List.of(11L, 88L)));
    assertThat(plain.get("/popular?k=2&offset=1&genre=comedy").movieIds("recommendations"), is(List.of(11L, 55L)));
  }

  @Test
  void similarTakesFiltersAndOffset() {
    // movie 22 = (0.9, 0, 0.2, 0): 66 .72, 44 .63, 88 .56, 11 .45, 55 .37, 77 .18, 33 .09
    assertThat(plain.post("/similar", "{\"movie_id\": 22, \"filters\": {\"genres\": [\"Comedy\"]}}")
        .movieIds("similar_items"), is(List.of(44L, 11L, 55L)));
    assertThat(plain.post("/similar", "{\"movie_id\": 22, \"k\": 2, \"offset\": 1, \"filters\": {\"genres\": [\"Comedy\"]}}")
        .movieIds("similar_items"), is(List.of(11L, 55L)));
    // inclusive years; 55 has no year and is left out once a bound is set
    assertThat(plain.post("/similar", "{\"movie_id\": 22, \"filters\": {\"year_min\": 2000}}").movieIds("similar_items"),
        is(List.of(66L, 88L, 33L)));
    assertThat(plain.post("/similar", "{\"movie_id\": 22, \"filters\": {\"year_min\": 2005, \"year_max\": 1999}}")
        .status(), is(400));
  }

  @Test
  void configRulesExcludeAndAdjustEveryList() {
    // Romance (88) never shows; Comedy scores doubled: 11 .5 -> 1.0, 55 .3 -> .6
    Http.Response r = ruled.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
    assertThat(r.movieIds("recommendations"), is(List.of(11L, 66L, 55L)));
    JsonNode items = r.json().get("recommendations");
    assertThat(items.get(0).get("score").asDouble(), closeTo(1.0, 1e-6));
    assertThat(items.get(1).get("score").asDouble(), closeTo(0.8, 1e-6));
    assertThat(items.get(2).get("score").asDouble(), closeTo(0.6, 1e-6));
    // again, from the per-user cache, which holds the list with the configured rules applied
    assertThat(ruled.post("/recommend", "{\"user_id\": 1, \"k\": 3}").body(), is(r.body()));
    assertThat(ruled.post("/recommend", "{\"user_id\": 1, \"k\": 2, \"offset\": 3}").movieIds("recommendations"),
        is(List.of(77L, 33L)));
    // popularity 44 1.0 -> 2.0, 11 .8 -> 1.6, 88 out, 55 .4 -> .8, 22 .2
    Http.Response p = ruled.get("/popular?k=10");
    assertThat(p.movieIds("recommendations"), is(List.of(44L, 11L, 55L, 22L)));
    assertThat(p.json().get("recommendations").get(0).get("popularity_score").asDouble(), closeTo(2.0, 1e-9));
    assertThat(ruled.post("/recommend", "{\"user_id\": 999, \"k\": 10}").movieIds("recommendations"),
        is(List.of(44L, 11L, 55L, 22L)));
    // similar to 22: 44 .63 -> 1.26, 11 .45 -> .9, 55 .37 -> .74, 66 .72, 77 .18, 33 .09
    assertThat(ruled.post("/similar", "{\"movie_id\": 22}").movieIds("similar_items"),
        is(List.of(44L, 11L, 55L, 66L, 77L, 33L)));
    assertThat(ruled.post("/recommend/anonymous", "{\"items\": [22, 88], \"k\": 8, \"exclude_seen\": false}")
        .movieIds("recommendations").contains(88L), is(false));
  }

  @Test
  void requestRulesAddToTheConfiguredOnes() {
    // on top of the configuration: 66 excluded, 33 .1 + .6 = .7
    Http.Response r = ruled.post("/recommend", "{\"user_id\": 1, \"rules\": {\"exclude_movie_ids\": [66], "
        + "\"adjustments\": [{\"movie_ids\": [33], \"add\": 0.6}]}}");
    assertThat(r.body(), r.movieIds("recommendations"), is(List.of(11L, 33L, 55L, 77L)));
    assertThat(r.json().get("recommendations").get(1).get("score").asDouble(), closeTo(0.7, 1e-6));
    // exclude by genre, bury by multiply: on the plain server Action (66) and Horror buried to 0
    assertThat(plain.post("/recommend", "{\"user_id\": 1, \"rules\": {\"exclude_genres\": [\"drama\"], "
        + "\"adjustments\": [{\"genres\": [\"Action\", \"Horror\"], \"multiply\": 0}]}}").movieIds("recommendations"),
        is(List.of(11L, 66L, 77L)));
    assertThat(plain.post("/similar", "{\"movie_id\": 22, \"k\": 2, \"rules\": {\"exclude_movie_ids\": [66, 44]}}")
        .movieIds("similar_items"), is(List.of(88L, 11L)));
  }
}
