package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.ModelMetadata;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fold-in features against {@link TestModel} (with regularization 0.5 and alpha 2 in its metadata)
 * over real HTTP: {@code POST /recommend/anonymous}, real-time updates after {@code POST /feedback},
 * {@code GET /explain} and {@code explain: true}. Expected rankings are computed here with common's
 * {@link IalsSolver}, independently of the service code.
 */
class FoldInApiTest {

  static final double REG = 0.5;
  static final double ALPHA = 2.0;
  static final FactorMatrix ITEMS = TestModel.artifacts("x").itemFactors();

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;

  /** TestModel with regularization and alpha in {@code hyperparameters}. */
  static Path writeModel(Path dir) throws Exception {
    ModelArtifacts a = TestModel.artifacts("v1");
    ModelMetadata m = a.metadata();
    ModelMetadata meta = new ModelMetadata(m.version(), m.trainedAt(), m.dataset(),
        Map.of("factors", 4, "regularization", REG, "alpha", ALPHA), m.metrics(), m.baselines(), m.gitCommit(),
        m.mlflowRunId());
    new ModelArtifacts(meta, a.userFactors(), a.itemFactors(), a.users(), a.items(), a.catalog(), a.userItems(),
        a.popularity()).write(dir);
    TestModel.writeIndex(dir, a.itemFactors());
    return dir;
  }

  @BeforeAll
  static void start() throws Exception {
    writeModel(tmp.resolve("model"));
    server = Servers.start(tmp.resolve("model"), tmp, List.of());
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Fold-in of item rows with weights, as the trainer's solver computes it. */
  static float[] foldIn(int[] rows, float[] weights) {
    return new IalsSolver(4, REG, ALPHA).foldIn(ITEMS, IalsSolver.gramian(ITEMS), rows, weights);
  }

  static float[] foldInOnes(int... rows) {
    float[] w = new float[rows.length];
    Arrays.fill(w, 1f);
    return foldIn(rows, w);
  }

  static double dot(float[] x, int row) {
    double s = 0;
    for (int j = 0; j < 4; j++) {
      s += (double) x[j] * ITEMS.data()[row * 4 + j];
    }
    return s;
  }

  /** Movie ids of all item rows except {@code excluded}, by descending dot(x, item), ties by row. */
  static List<Long> ranking(float[] x, int... excluded) {
    Set<Integer> ex = Arrays.stream(excluded).boxed().collect(Collectors.toSet());
    return IntStream.range(0, 8).boxed().filter(r -> !ex.contains(r))
        .sorted(Comparator.comparingDouble((Integer r) -> -dot(x, r)).thenComparingInt(r -> r))
        .map(r -> TestModel.MOVIE_IDS[r]).toList();
  }

  static double cosine(int a, int b) {
    return dot(Arrays.copyOfRange(ITEMS.data(), a * 4, a * 4 + 4), b)
        / Math.sqrt(dot(Arrays.copyOfRange(ITEMS.data(), a * 4, a * 4 + 4), a))
        / Math.sqrt(dot(Arrays.copyOfRange(ITEMS.data(), b * 4, b * 4 + 4), b));
  }

  // ---- /recommend/anonymous

  @Test
  void anonymousEqualsFoldInWithTheModelsHyperparameters() {
    // movies 22 (row 1) and 66 (row 5), plus unknown 999
    float[] x = foldInOnes(1, 5);
    List<Long> expected = ranking(x, 1, 5);
    Http.Response r = http.post("/recommend/anonymous", "{\"items\": [22, 999, 66, 22], \"k\": 6}");
    assertThat(r.body(), r.status(), is(200));
    JsonNode j = r.json();
    assertThat(r.movieIds("recommendations"), is(expected));
    for (int i = 0; i < expected.size(); i++) {
      int row = Arrays.binarySearch(TestModel.MOVIE_IDS, expected.get(i));
      assertThat(j.get("recommendations").get(i).get("score").asDouble(), closeTo(dot(x, row), 1e-5));
    }
    assertThat(j.get("user_id").isNull(), is(true));
    assertThat(j.get("is_fallback").asBoolean(), is(false));
    assertThat(j.get("fallback_reason").isNull(), is(true));
    assertThat(j.get("ignored_items").toString(), is("[999]"));
    assertThat(j.get("model_version").asText(), is("v1"));
    // a different alpha would give a different vector: the served one uses the metadata's
    float[] other = new IalsSolver(4, 10.0, 1.0).foldIn(ITEMS, IalsSolver.gramian(ITEMS), new int[] {1, 5},
        new float[] {1, 1});
    assertThat(j.get("recommendations").get(0).get("score").asDouble(),
        not(closeTo(dot(other, Arrays.binarySearch(TestModel.MOVIE_IDS, expected.get(0))), 1e-4)));
  }

  @Test
  void anonymousIncludesGivenItemsWithoutExcludeSeenAndAppliesFilters() {
    float[] x = foldInOnes(6); // movie 77
    Http.Response all = http.post("/recommend/anonymous", "{\"items\": [77], \"exclude_seen\": false}");
    assertThat(all.movieIds("recommendations"), is(ranking(x)));
    List<Long> comedies = ranking(x, 6).stream().filter(id -> id == 11 || id == 44 || id == 55).toList();
    Http.Response f = http.post("/recommend/anonymous",
        "{\"items\": [77], \"filters\": {\"genres\": [\"Comedy\"]}}");
    assertThat(f.movieIds("recommendations"), is(comedies));
  }

  @Test
  void anonymousWithNoKnownItemIsPopularFallback() {
    Http.Response r = http.post("/recommend/anonymous", "{\"items\": [999, 1000], \"k\": 3}");
    assertThat(r.body(), r.status(), is(200));
    JsonNode j = r.json();
    assertThat(r.movieIds("recommendations"), contains(44L, 11L, 88L));
    assertThat(j.get("is_fallback").asBoolean(), is(true));
    assertThat(j.get("fallback_reason").asText(), is("no_known_items"));
    assertThat(j.get("ignored_items").toString(), is("[999,1000]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"items\": null}", "{\"items\": []}", "{\"items\": \"22\"}",
      "{\"items\": [22, \"x\"]}", "{\"items\": [22.5]}", "{\"items\": [{}]}", "{\"items\": [22], \"k\": 0}",
      "{\"items\": [22], \"exclude_seen\": 1}", "[22]", "not json"})
  void anonymousBadRequests(String body) {
    Http.Response r = http.post("/recommend/anonymous", body);
    assertThat(r.body(), r.status(), is(400));
    assertThat(r.json().get("error").asText(), is("bad_request"));
  }

  @Test
  void anonymousRejectsMoreThanAThousandItems() {
    String items = IntStream.rangeClosed(1, 1001).mapToObj(Integer::toString).collect(Collectors.joining(","));
    Http.Response r = http.post("/recommend/anonymous", "{\"items\": [" + items + "]}");
    assertThat(r.body(), r.status(), is(400));
    String ok = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(","));
    assertThat(http.post("/recommend/anonymous", "{\"items\": [" + ok + "]}").status(), is(200));
  }

  @Test
  void anonymousRequestsAreLogged(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("requests.db");
    try (MarqueeServer s = MarqueeServer.start(Servers.config(writeModel(dir.resolve("m")), db, List.of(), 65_536))) {
      Http h = new Http(s.port());
      h.post("/recommend/anonymous", "{\"items\": [22], \"k\": 2}", "X-Request-ID", "a-1");
      h.post("/recommend/anonymous", "{\"items\": [999], \"k\": 2}", "X-Request-ID", "a-2");
      h.post("/recommend/anonymous", "{\"items\": []}", "X-Request-ID", "a-3");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT endpoint, status, user_id, is_fallback, fallback_reason FROM request_logs ORDER BY request_id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getInt(4) + " "
            + rs.getString(5));
      }
      assertThat(rows, contains("/recommend/anonymous 200 null 0 null",
          "/recommend/anonymous 200 null 1 no_known_items", "/recommend/anonymous 400 null 0 null"));
    }
  }

  // ---- real-time updates after /feedback

  @Test
  void positiveFeedbackChangesTheUsersNextRecommendations() {
    // user 3 (no training items, vector e3)
    List<Long> before = http.post("/recommend", "{\"user_id\": 3, \"k\": 3}").movieIds("recommendations");
    assertThat(before, contains(55L, 22L, 88L));
    assertThat(http.post("/feedback", "{\"user_id\": 3, \"movie_id\": 77, \"event\": \"watch\"}").status(), is(202));
    Http.Response after = http.post("/recommend", "{\"user_id\": 3, \"k\": 7}");
    assertThat(after.json().get("is_fallback").asBoolean(), is(false));
    assertThat(after.movieIds("recommendations"), is(ranking(foldInOnes(6), 6)));
    assertThat(after.movieIds("recommendations").subList(0, 3), not(before));
  }

  @Test
  void feedbackFoldsInTrainingItemsPlusNewPositives() {
    // user 1 trained on 22, 44 (rows 1, 3); a 4.5-star rating of 66 (row 5) is positive
    assertThat(http.post("/feedback", "{\"user_id\": 1, \"movie_id\": 66, \"event\": \"rating\", \"value\": 4.5}")
        .status(), is(202));
    List<Long> expected = ranking(foldInOnes(1, 3, 5), 1, 3, 5);
    assertThat(http.post("/recommend", "{\"user_id\": 1}").movieIds("recommendations"), is(expected));
  }

  @Test
  void negativeFeedbackRemovesTheMovieAndLeavesTheVector() {
    List<Long> before = http.post("/recommend", "{\"user_id\": 2}").movieIds("recommendations");
    assertThat(before, is(List.of(88L, 44L, 11L, 22L, 55L, 66L, 77L))); // e2 . items, ties by row
    assertThat(http.post("/feedback", "{\"user_id\": 2, \"movie_id\": 66, \"event\": \"skip\"}").status(), is(202));
    // below the model's implicit.min_rating (4, not recorded in TestModel's metadata): negative too
    assertThat(http.post("/feedback", "{\"user_id\": 2, \"movie_id\": 22, \"event\": \"rating\", \"value\": 3.5}")
        .status(), is(202));
    assertThat(http.post("/feedback", "{\"user_id\": 2, \"movie_id\": 12345, \"event\": \"watch\"}").status(),
        is(404)); // not in the catalog: refused, nothing changes
    Http.Response after = http.post("/recommend", "{\"user_id\": 2}");
    assertThat(after.movieIds("recommendations"), is(List.of(88L, 44L, 11L, 55L, 77L)));
    assertThat(after.json().get("recommendations").get(0).get("score").asDouble(), closeTo(0.3, 1e-6)); // same vector
    // negatives are removed whatever exclude_seen says; the training item 33 comes back with false
    assertThat(http.post("/recommend", "{\"user_id\": 2, \"exclude_seen\": false}").movieIds("recommendations"),
        is(List.of(33L, 88L, 44L, 11L, 55L, 77L)));
  }

  @Test
  void aLaterPositiveEventTakesAMovieOutOfTheNegatives() {
    // an unknown user with only a negative event stays a fallback, without the rejected movie
    assertThat(http.post("/feedback", "{\"user_id\": 4343, \"movie_id\": 55, \"event\": \"skip\"}").status(),
        is(202));
    Http.Response fallback = http.post("/recommend", "{\"user_id\": 4343}");
    assertThat(fallback.json().get("fallback_reason").asText(), is("unknown_user"));
    assertThat(fallback.movieIds("recommendations"), is(List.of(44L, 11L, 88L, 22L)));
    assertThat(http.get("/explain?user_id=4343&movie_id=22").status(), is(404));
    assertThat(http.post("/feedback", "{\"user_id\": 4343, \"movie_id\": 55, \"event\": \"watch\"}").status(),
        is(202));
    Http.Response after = http.post("/recommend", "{\"user_id\": 4343, \"exclude_seen\": false}");
    assertThat(after.json().get("is_fallback").asBoolean(), is(false));
    assertThat(after.movieIds("recommendations"), is(ranking(foldInOnes(4))));
  }

  @Test
  void aNewUserBecomesKnownAfterAPositiveEvent() {
    Http.Response before = http.post("/recommend", "{\"user_id\": 4242, \"k\": 3}");
    assertThat(before.json().get("fallback_reason").asText(), is("unknown_user"));
    assertThat(http.get("/explain?user_id=4242&movie_id=22").status(), is(404));
    assertThat(http.post("/feedback", "{\"user_id\": 4242, \"movie_id\": 88, \"event\": \"click\"}").status(),
        is(202));
    assertThat(http.post("/feedback", "{\"user_id\": 4242, \"movie_id\": 33, \"event\": \"watch\"}").status(),
        is(202));
    Http.Response after = http.post("/recommend", "{\"user_id\": 4242}");
    assertThat(after.json().get("is_fallback").asBoolean(), is(false));
    assertThat(after.json().get("fallback_reason").isNull(), is(true));
    assertThat(after.movieIds("recommendations"), is(ranking(foldInOnes(7, 2), 7, 2)));
    Http.Response explain = http.get("/explain?user_id=4242&movie_id=22");
    assertThat(explain.body(), explain.status(), is(200));
    assertThat(explain.movieIds("contributions"), contains(88L, 33L));
  }

  @Test
  void theOverlayIsClearedWhenAModelIsLoaded(@TempDir Path dir) throws Exception {
    try (MarqueeServer s = Servers.start(writeModel(dir.resolve("m")), dir, List.of())) {
      Http h = new Http(s.port());
      h.post("/feedback", "{\"user_id\": 777, \"movie_id\": 22, \"event\": \"watch\"}");
      assertThat(h.post("/recommend", "{\"user_id\": 777}").json().get("is_fallback").asBoolean(), is(false));
      s.models().reload();
      assertThat(h.post("/recommend", "{\"user_id\": 777}").json().get("fallback_reason").asText(),
          is("unknown_user"));
    }
  }

  // ---- /explain and explain: true

  @Test
  void explainRanksTheUsersItemsByCosineSimilarity() {
    // user 5 = (0.5, 0.5, 0, 0) trained on 11 (row 0) and 88 (row 7); candidate 66 (row 5)
    Http.Response r = http.get("/explain?user_id=5&movie_id=66");
    assertThat(r.body(), r.status(), is(200));
    JsonNode j = r.json();
    assertThat(j.get("user_id").asLong(), is(5L));
    assertThat(j.get("movie_id").asLong(), is(66L));
    assertThat(j.get("score").asDouble(), closeTo(0.4, 1e-6));
    assertThat(j.get("method").asText(), is("item_cosine"));
    assertThat(cosine(5, 0) > cosine(5, 7), is(true));
    assertThat(r.movieIds("contributions"), contains(11L, 88L));
    assertThat(j.get("contributions").get(0).get("title").asText(), is("Alpha"));
    assertThat(j.get("contributions").get(0).get("contribution").asDouble(), closeTo(cosine(5, 0), 1e-6));
    assertThat(j.get("contributions").get(1).get("contribution").asDouble(), closeTo(cosine(5, 7), 1e-6));
    // the candidate itself is not its own explanation
    assertThat(http.get("/explain?user_id=5&movie_id=11").movieIds("contributions"), contains(88L));
  }

  @Test
  void explainErrors() {
    assertThat(http.get("/explain?user_id=999&movie_id=66").status(), is(404));
    Http.Response nf = http.get("/explain?user_id=5&movie_id=999");
    assertThat(nf.status(), is(404));
    assertThat(nf.json().get("error").asText(), is("not_found"));
    for (String q : List.of("", "?user_id=5", "?movie_id=66", "?user_id=x&movie_id=66", "?user_id=5&movie_id=6.5",
        "?user_id=5&movie_id=66&k=0")) {
      Http.Response r = http.get("/explain" + q);
      assertThat(q + " " + r.body(), r.status(), is(400));
      assertThat(r.json().get("error").asText(), is("bad_request"));
    }
  }

  @Test
  void explainTrueAddsBecause() {
    // user 5 without seen items ranks 22 (0.45), 44 (0.45), 66 (0.4)
    Http.Response r = http.post("/recommend", "{\"user_id\": 5, \"k\": 3, \"explain\": true}");
    assertThat(r.movieIds("recommendations"), contains(22L, 44L, 66L));
    for (JsonNode rec : r.json().get("recommendations")) {
      int row = Arrays.binarySearch(TestModel.MOVIE_IDS, rec.get("movie_id").asLong());
      List<Long> expected = cosine(row, 0) >= cosine(row, 7) ? List.of(11L, 88L) : List.of(88L, 11L);
      List<Long> because = new ArrayList<>();
      rec.get("because").forEach(b -> because.add(b.get("movie_id").asLong()));
      assertThat(rec.toString(), because, is(expected));
      assertThat(rec.get("because").get(0).has("title"), is(true));
    }
    Http.Response plain = http.post("/recommend", "{\"user_id\": 5, \"k\": 3}");
    assertThat(plain.body(), not(containsString("because")));
    Http.Response fallback = http.post("/recommend", "{\"user_id\": 999, \"k\": 3, \"explain\": true}");
    assertThat(fallback.body(), not(containsString("because")));
    assertThat(http.post("/recommend", "{\"user_id\": 5, \"explain\": \"yes\"}").status(), is(400));
  }
}
