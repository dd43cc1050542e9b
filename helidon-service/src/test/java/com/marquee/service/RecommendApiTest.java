package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /recommend against {@link TestModel} over real HTTP. */
class RecommendApiTest {

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    server = Servers.start(tmp.resolve("model"), tmp, List.of());
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void knownUserExcludesSeenItems() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
    assertThat(r.body(), r.status(), is(200));
    assertThat(r.header("content-type"), containsString("application/json"));
    JsonNode j = r.json();
    assertThat(j.get("user_id").asLong(), is(1L));
    assertThat(r.movieIds("recommendations"), contains(66L, 88L, 11L));
    assertThat(j.get("recommendations").get(0).get("score").asDouble(), closeTo(0.8, 1e-6));
    assertThat(j.get("recommendations").get(1).get("score").asDouble(), closeTo(0.6, 1e-6));
    assertThat(j.get("recommendations").get(2).get("score").asDouble(), closeTo(0.5, 1e-6));
    JsonNode first = j.get("recommendations").get(0);
    assertThat(first.get("title").asText(), is("Foxtrot"));
    assertThat(first.get("year").asInt(), is(2010));
    assertThat(first.get("genres").toString(), is("[\"Action\",\"Sci-Fi\"]"));
    assertThat(j.get("model_version").asText(), is("v1"));
    assertThat(j.get("is_fallback").asBoolean(), is(false));
    assertThat(j.get("fallback_reason").isNull(), is(true));
  }

  @Test
  void repeatedUnfilteredRequestsAreAnsweredFromTheUserCacheWithTheSameBody() {
    double hits0 = cacheLookups("hit");
    double lookups0 = hits0 + cacheLookups("miss");
    Http.Response first = http.post("/recommend", "{\"user_id\": 1, \"k\": 2}");
    Http.Response second = http.post("/recommend", "{\"user_id\": 1, \"k\": 2}");
    Http.Response filtered = http.post("/recommend", "{\"user_id\": 1, \"k\": 2, \"filters\": {\"genres\": [\"Drama\"]}}");
    assertThat(first.body(), first.status(), is(200));
    assertThat(filtered.status(), is(200));
    assertThat(second.body(), is(first.body()));
    assertThat(first.movieIds("recommendations"), contains(66L, 88L)); // the prefix of the k=3 list above
    // The filtered request bypasses the cache; at least the second plain one is a hit.
    assertThat(cacheLookups("hit") + cacheLookups("miss") - lookups0, is(2.0));
    assertThat(cacheLookups("hit") - hits0 >= 1, is(true));
  }

  private static double cacheLookups(String result) {
    return Metrics.labelled(http.get("/metrics").body(), "marquee_recommend_cache_lookups_total", "result", result);
  }

  @Test
  void knownUserIncludingSeenItems() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"k\": 3, \"exclude_seen\": false}");
    assertThat(r.movieIds("recommendations"), contains(22L, 66L, 44L));
  }

  @Test
  void defaultKReturnsAllAllowedWhenFewerThanTen() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 1}");
    assertThat(r.movieIds("recommendations"), contains(66L, 88L, 11L, 55L, 77L, 33L));
  }

  @Test
  void genreFilterMatchesAnyGenre() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"filters\": {\"genres\": [\"Comedy\", \"Drama\"]}}");
    assertThat(r.movieIds("recommendations"), contains(88L, 11L, 55L, 33L));
  }

  @Test
  void genreFilterIsCaseInsensitiveAndUnknownGenresMatchNothing() {
    assertThat(http.post("/recommend", "{\"user_id\": 1, \"filters\": {\"genres\": [\"comedy\"]}}")
        .movieIds("recommendations"), contains(11L, 55L));
    assertThat(http.post("/recommend", "{\"user_id\": 1, \"filters\": {\"genres\": [\"Western\"]}}")
        .movieIds("recommendations"), empty());
  }

  @Test
  void yearFilterIsInclusiveAndExcludesUnknownYears() {
    Http.Response r = http.post("/recommend",
        "{\"user_id\": 1, \"filters\": {\"year_min\": 2000, \"year_max\": 2010}}");
    assertThat(r.movieIds("recommendations"), contains(66L, 88L, 33L));
    // only a lower bound: 55 (no year) is still excluded
    assertThat(http.post("/recommend", "{\"user_id\": 1, \"filters\": {\"year_min\": 1990}}")
        .movieIds("recommendations"), contains(66L, 88L, 11L, 33L));
  }

  @Test
  void unknownUserGetsPopularItemsAsFallback() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 999, \"k\": 3}");
    assertThat(r.status(), is(200));
    JsonNode j = r.json();
    assertThat(r.movieIds("recommendations"), contains(44L, 11L, 88L));
    assertThat(j.get("recommendations").get(0).get("score").asDouble(), closeTo(1.0, 1e-9));
    assertThat(j.get("is_fallback").asBoolean(), is(true));
    assertThat(j.get("fallback_reason").asText(), is("unknown_user"));
    assertThat(j.get("user_id").asLong(), is(999L));
  }

  @Test
  void unknownUserFallbackAppliesFilters() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 999, \"filters\": {\"genres\": [\"Drama\"]}}");
    assertThat(r.movieIds("recommendations"), contains(88L, 55L));
    assertThat(http.post("/recommend", "{\"user_id\": 999, \"filters\": {\"year_max\": 1999}}")
        .movieIds("recommendations"), contains(44L, 11L, 22L));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"user_id\": 1, \"k\": 0}",
      "{\"user_id\": 1, \"k\": 1001}",
      "{\"user_id\": 1, \"k\": -5}",
      "{\"user_id\": 1, \"k\": 2.5}",
      "{\"user_id\": 1, \"k\": \"10\"}",
      "{\"user_id\": \"abc\"}",
      "{\"user_id\": 1.5}",
      "{\"user_id\": 99999999999999999999999}",
      "{\"k\": 10}",
      "{\"user_id\": null}",
      "{\"user_id\": 1, \"exclude_seen\": \"yes\"}",
      "{\"user_id\": 1, \"filters\": []}",
      "{\"user_id\": 1, \"filters\": {\"genres\": \"Comedy\"}}",
      "{\"user_id\": 1, \"filters\": {\"genres\": [1]}}",
      "{\"user_id\": 1, \"filters\": {\"year_min\": \"1990\"}}",
      "{\"user_id\": 1, \"filters\": {\"year_min\": 2010, \"year_max\": 2000}}",
      "{\"user_id\": 1,",
      "not json",
      "[1, 2]",
      "{\"user_id\": 1} trailing",
      ""})
  void badRequestsGet400Json(String body) {
    Http.Response r = http.post("/recommend", body);
    assertThat(body + " -> " + r.body(), r.status(), is(400));
    assertThat(r.json().get("error").asText(), is("bad_request"));
    assertThat(r.json().get("message").asText().isBlank(), is(false));
    assertThat(r.header("X-Request-ID") != null, is(true));
  }

  @Test
  void messagesNameTheField() {
    assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 0}").json().get("message").asText(),
        containsString("'k' must be in [1, 1000]"));
    assertThat(http.post("/recommend", "{}").json().get("message").asText(),
        containsString("user_id"));
    assertThat(http.post("/recommend", "{\"user_id\": 1, \"filters\": {\"genres\": 3}}").json()
        .get("message").asText(), containsString("filters.genres"));
  }

  @Test
  void kEqualToMaxIsAccepted() {
    assertThat(http.post("/recommend", "{\"user_id\": 2, \"k\": 1000}").status(), is(200));
  }

  @Test
  void unknownFieldsAreRejectedByName() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"k\": 1, \"color\": \"blue\"}");
    assertThat(r.status(), is(400));
    assertThat(r.json().get("error").asText(), is("bad_request"));
    assertThat(r.json().get("message").asText(),
        is("unknown field 'color' (allowed: user_id, k, offset, exclude_seen, filters, explain, diversity, rules)"));
  }

  @Test
  void nullOptionalFieldsTakeDefaults() {
    Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"k\": null, \"exclude_seen\": null, \"filters\": null}");
    assertThat(r.status(), is(200));
    assertThat(r.movieIds("recommendations").size(), is(6));
    assertThat(r.json().get("fallback_reason"), is(com.fasterxml.jackson.databind.node.NullNode.getInstance()));
    assertThat(r.json().get("recommendations").get(0).get("year").isNull(), is(false));
    assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 10}").json().get("recommendations").get(3)
        .get("year"), is(com.fasterxml.jackson.databind.node.NullNode.getInstance()));
  }
}
