package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.als.IalsObjective;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.domain.Movie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog updates without retraining (issue #15, serving half), over real HTTP on 127.0.0.1 with a
 * real SQLite file: {@code PUT}/{@code DELETE /admin/items/{movie_id}} on {@link CatalogFixture}'s
 * MovieLens model, with and without a content mapping, across a restart and a reload.
 */
class CatalogUpdatesTest {

  static final String KEY = "catalog-admin-key";
  static final String[] ADMIN = {"X-API-Key", KEY};
  /** A new movie: animated family film. */
  static final long NEW = 900_001;
  static final String NEW_BODY = "{\"title\": \"Toy Robots\", \"year\": 2026, \"genres\": [\"Animation\", \"Children\"], "
      + "\"tags\": [\"pixar\", \"friendship\"]}";
  /** Toy Story, Finding Nemo, Monsters, Inc. */
  static final long TOY_STORY = 1;
  static final long NEMO = 6377;
  static final long MONSTERS_INC = 4886;
  /**
   * Depth of the {@code /recommend/anonymous} list from Toy Story and Finding Nemo in which the new
   * animated family film must appear: the top 100 of the model's 4,000 items (rank 57 when written; the
   * content vector is shrunk towards the mean item by the ridge mapping, so it scores below the most
   * popular family films, whose trained vectors have large norms). Its score must also be above the
   * median score of the films in the top 1,000 that are neither Animation nor Children.
   */
  static final int ANONYMOUS_DEPTH = 100;

  @TempDir Path tmp;

  static MarqueeServer start(Path model, Path db) throws Exception {
    return MarqueeServer.start(Servers.config(model, db, List.of(KEY), 65_536));
  }

  static boolean family(ModelArtifacts a, long movieId) {
    Movie m = a.catalog().get(movieId);
    return m != null && (m.genres().contains("Animation") || m.genres().contains("Children"));
  }

  static List<Long> ids(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("movie_id").asLong()));
    return out;
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void newMovieIsRecommendableAtOnceDeleteHidesItAndBothSurviveRestartAndReload() throws Exception {
    Path model = CatalogFixture.writeWithContent(tmp.resolve("model"));
    Path db = tmp.resolve("requests.db");
    ModelArtifacts a = CatalogFixture.artifacts();
    try (MarqueeServer server = start(model, db)) {
      Http http = new Http(server.port());
      assertThat(ids(http.get("/popular?k=100").json().get("recommendations")), hasItem(MONSTERS_INC));

      Http.Response put = http.put("/admin/items/" + NEW, NEW_BODY, ADMIN);
      assertThat(put.body(), put.status(), is(201));
      JsonNode p = put.json();
      assertThat(p.get("movie_id").asLong(), is(NEW));
      assertThat(p.get("action").asText(), is("put"));
      assertThat(p.get("change_id").asLong(), is(1L));
      assertThat(p.get("recommendable").asBoolean(), is(true));
      assertThat(p.get("cold_start").asBoolean(), is(true));
      assertThat(p.get("in_model").asBoolean(), is(false));
      assertThat(p.get("hidden").asBoolean(), is(false));
      assertThat(p.get("note").isNull(), is(true));
      assertThat(p.get("model_version").asText(), is("ml-latest-small-test"));

      // /similar for the new movie: animated family films
      JsonNode similar = http.post("/similar", "{\"movie_id\": " + NEW + ", \"k\": 10}").json();
      List<Long> top = ids(similar.get("similar_items"));
      long familyCount = top.stream().filter(id -> family(a, id)).count();
      System.out.println("similar to the new movie: " + top + ", " + familyCount + " of 10 Animation|Children");
      assertThat(top.size(), is(10));
      assertThat(familyCount, greaterThanOrEqualTo(6L));
      assertThat(similar.get("title").asText(), is("Toy Robots"));

      // /recommend/anonymous from Toy Story and Finding Nemo
      JsonNode anon = http.post("/recommend/anonymous", "{\"items\": [1, 6377], \"k\": 1000}").json();
      List<Long> recs = ids(anon.get("recommendations"));
      int rank = recs.indexOf(NEW);
      System.out.println("anonymous from Toy Story and Finding Nemo: the new movie at rank " + (rank + 1) + " of "
          + recs.size());
      assertThat(rank, greaterThanOrEqualTo(0));
      assertThat(rank, lessThan(ANONYMOUS_DEPTH));
      JsonNode item = anon.get("recommendations").get(rank);
      double[] otherScores = new double[recs.size()];
      int others = 0;
      for (JsonNode r : anon.get("recommendations")) {
        if (!family(a, r.get("movie_id").asLong()) && r.get("movie_id").asLong() != NEW) {
          otherScores[others++] = r.get("score").asDouble();
        }
      }
      double medianOther = otherScores[others / 2]; // the list is sorted by score, best first
      System.out.println("its score " + item.get("score").asDouble() + ", median of " + others
          + " non-family films in the top 1000: " + medianOther);
      assertThat(item.get("score").asDouble(), greaterThan(medianOther));
      assertThat(item.get("cold_start").asBoolean(), is(true));
      assertThat(item.get("title").asText(), is("Toy Robots"));
      assertThat(anon.get("recommendations").get(0).get("cold_start").asBoolean(), is(recs.get(0) == NEW));

      // catalog endpoints
      JsonNode detail = http.get("/movies/" + NEW).json();
      assertThat(detail.get("title").asText(), is("Toy Robots"));
      assertThat(detail.get("year").asInt(), is(2026));
      assertThat(detail.get("cold_start").asBoolean(), is(true));
      assertThat(detail.get("in_model").asBoolean(), is(true));
      assertThat(detail.get("training_users").asInt(), is(0));
      assertThat(detail.get("similar").size(), is(10));
      assertThat(ids(http.get("/movies?q=" + q("toy robots")).json().get("movies")).get(0), is(NEW));
      assertThat(ids(http.post("/similar", "{\"movie_id\": 1, \"k\": 1000}").json().get("similar_items")), hasItem(NEW));

      // DELETE the new movie and a trained, popular one
      Http.Response del = http.method("DELETE", "/admin/items/" + NEW, ADMIN);
      assertThat(del.body(), del.status(), is(200));
      assertThat(del.json().get("hidden").asBoolean(), is(true));
      assertThat(del.json().get("recommendable").asBoolean(), is(false));
      assertThat(del.json().get("change_id").asLong(), is(2L));
      assertThat(http.method("DELETE", "/admin/items/" + MONSTERS_INC, ADMIN).status(), is(200));
      assertHidden(http, NEW, MONSTERS_INC);

      Http.Response second = http.put("/admin/items/900002",
          "{\"title\": \"Dragon School\", \"genres\": [\"Animation\", \"Fantasy\"]}", ADMIN);
      assertThat(second.status(), is(201));
      assertThat(second.json().get("year").isNull(), is(true));
    }

    // restart on the same database: both changes kept
    try (MarqueeServer server = start(model, db)) {
      Http http = new Http(server.port());
      assertHidden(http, NEW, MONSTERS_INC);
      assertThat(http.post("/similar", "{\"movie_id\": 900002, \"k\": 5}").status(), is(200));
      assertThat(http.get("/movies/900002").json().get("cold_start").asBoolean(), is(true));
      // a PUT after the DELETE shows the movie again
      assertThat(http.put("/admin/items/" + NEW, NEW_BODY, ADMIN).status(), is(200));
      assertThat(http.post("/similar", "{\"movie_id\": " + NEW + ", \"k\": 5}").status(), is(200));
      assertThat(http.method("DELETE", "/admin/items/" + NEW, ADMIN).status(), is(200));

      // hot reload: re-applied over the new snapshot
      assertThat(http.post("/admin/reload", "", ADMIN).status(), is(200));
      assertHidden(http, NEW, MONSTERS_INC);
      assertThat(http.post("/similar", "{\"movie_id\": 900002, \"k\": 5}").status(), is(200));
    }

    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT change_id, movie_id, action, payload FROM catalog_changes ORDER BY change_id")) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getString(3) + " " + rs.getString(4));
      }
    }
    String payload = "{\"title\":\"Toy Robots\",\"year\":2026,\"genres\":[\"Animation\",\"Children\"],"
        + "\"tags\":[\"pixar\",\"friendship\"]}";
    assertThat(rows, is(List.of(
        "1 900001 put " + payload,
        "2 900001 delete null",
        "3 4886 delete null",
        "4 900002 put {\"title\":\"Dragon School\",\"year\":null,\"genres\":[\"Animation\",\"Fantasy\"],\"tags\":[]}",
        "5 900001 put " + payload,
        "6 900001 delete null")));
  }

  /** Every answer leaves the movies out: 404 as a query, absent from every list. */
  static void assertHidden(Http http, long... movieIds) {
    JsonNode popular = http.get("/popular?k=1000").json();
    JsonNode anon = http.post("/recommend/anonymous", "{\"items\": [1, 6377], \"k\": 1000}").json();
    JsonNode user = http.post("/recommend", "{\"user_id\": 1, \"k\": 1000, \"exclude_seen\": false}").json();
    JsonNode similar = http.post("/similar", "{\"movie_id\": 1, \"k\": 1000}").json();
    JsonNode search = http.get("/movies?q=" + q("toy") + "&limit=100").json();
    JsonNode detail = http.get("/movies/1?k=100").json();
    assertThat(anon.get("recommendations").size(), is(1000));
    for (long id : movieIds) {
      String m = "movie " + id;
      assertThat(m, http.post("/similar", "{\"movie_id\": " + id + "}").status(), is(404));
      assertThat(m, http.get("/movies/" + id).status(), is(404));
      assertThat(m, ids(popular.get("recommendations")), not(hasItem(id)));
      assertThat(m, ids(anon.get("recommendations")), not(hasItem(id)));
      assertThat(m, ids(user.get("recommendations")), not(hasItem(id)));
      assertThat(m, ids(similar.get("similar_items")), not(hasItem(id)));
      assertThat(m, ids(search.get("movies")), not(hasItem(id)));
      assertThat(m, ids(detail.get("similar")), not(hasItem(id)));
      assertThat(m, ids(detail.get("also_liked")), not(hasItem(id)));
    }
  }

  @Test
  void modelWithoutContentMappingStoresTheMovieSearchableButNotRecommendable() throws Exception {
    Path model = CatalogFixture.writePlain(tmp.resolve("model"));
    try (MarqueeServer server = start(model, tmp.resolve("requests.db"))) {
      Http http = new Http(server.port());
      Http.Response put = http.put("/admin/items/" + NEW, NEW_BODY, ADMIN);
      assertThat(put.body(), put.status(), is(201));
      assertThat(put.json().get("recommendable").asBoolean(), is(false));
      assertThat(put.json().get("cold_start").asBoolean(), is(false));
      assertThat(put.json().get("note").asText(), containsString("no content mapping"));
      JsonNode detail = http.get("/movies/" + NEW).json();
      assertThat(detail.get("title").asText(), is("Toy Robots"));
      assertThat(detail.get("in_model").asBoolean(), is(false));
      assertThat(ids(http.get("/movies?q=" + q("toy robots")).json().get("movies")).get(0), is(NEW));
      assertThat(http.post("/similar", "{\"movie_id\": " + NEW + "}").status(), is(404));
      JsonNode anon = http.post("/recommend/anonymous", "{\"items\": [1, " + NEW + "], \"k\": 1000}").json();
      assertThat(ids(anon.get("recommendations")), not(hasItem(NEW)));
      assertThat(anon.get("ignored_items").get(0).asLong(), is(NEW));
    }
  }

  @Test
  void putOfATrainedMovieChangesItsContentAndKeepsItsVector() throws Exception {
    Path model = CatalogFixture.writeWithContent(tmp.resolve("model"));
    try (MarqueeServer server = start(model, tmp.resolve("requests.db"))) {
      Http http = new Http(server.port());
      String before = http.post("/similar", "{\"movie_id\": 1, \"k\": 20}").json().get("similar_items").toString();
      Http.Response put = http.put("/admin/items/1",
          "{\"title\": \"Toy Story (Director's Cut)\", \"year\": 1995, \"genres\": [\"Animation\"]}", ADMIN);
      assertThat(put.body(), put.status(), is(200));
      assertThat(put.json().get("in_model").asBoolean(), is(true));
      assertThat(put.json().get("cold_start").asBoolean(), is(false));
      assertThat(put.json().get("recommendable").asBoolean(), is(true));
      JsonNode similar = http.post("/similar", "{\"movie_id\": 1, \"k\": 20}").json();
      assertThat(similar.get("similar_items").toString(), is(before));
      assertThat(similar.get("title").asText(), is("Toy Story (Director's Cut)"));
      JsonNode detail = http.get("/movies/1").json();
      assertThat(detail.get("genres").toString(), is("[\"Animation\"]"));
      assertThat(detail.get("cold_start").asBoolean(), is(false));
      assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 5}").json().get("recommendations").get(0)
          .get("cold_start").asBoolean(), is(false));
    }
  }

  @Test
  void positiveFeedbackRefinesTheNewMovieByItemFoldIn() throws Exception {
    Path model = CatalogFixture.writeWithContent(tmp.resolve("model"));
    ModelArtifacts a = CatalogFixture.artifacts();
    long userId = a.users().externalId(0);
    try (MarqueeServer server = start(model, tmp.resolve("requests.db"))) {
      Http http = new Http(server.port());
      assertThat(http.put("/admin/items/" + NEW, NEW_BODY, ADMIN).status(), is(201));
      Http.Response fb = http.post("/feedback", "{\"user_id\": " + userId + ", \"movie_id\": " + NEW
          + ", \"event\": \"watch\"}");
      assertThat(fb.body(), fb.status(), is(202));
      // expected: the item vector solved over that one user, with the model's objective (weight 1)
      FactorMatrix x = a.userFactors();
      IalsSolver solver = new IalsSolver(a.factors(), IalsObjective.fromHyperparameters(a.metadata().hyperparameters()));
      float[] v = solver.foldIn(x, IalsSolver.gramian(x), new int[] {0}, new float[] {1f});
      FactorMatrix y = a.itemFactors();
      double nv = Math.sqrt(IntStream.range(0, v.length).mapToDouble(j -> (double) v[j] * v[j]).sum());
      double[] cos = new double[y.rows()];
      for (int r = 0; r < y.rows(); r++) {
        double dot = 0;
        double ny = 0;
        for (int j = 0; j < v.length; j++) {
          dot += (double) v[j] * y.data()[r * v.length + j];
          ny += (double) y.data()[r * v.length + j] * y.data()[r * v.length + j];
        }
        cos[r] = dot / (nv * Math.sqrt(ny));
      }
      Integer[] order = IntStream.range(0, y.rows()).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (p, q) -> Double.compare(cos[q], cos[p]));
      JsonNode similar = http.post("/similar", "{\"movie_id\": " + NEW + ", \"k\": 5}").json().get("similar_items");
      for (int i = 0; i < 5; i++) {
        assertThat(similar.get(i).get("movie_id").asLong(), is(a.items().externalId(order[i])));
        assertThat(similar.get(i).get("score").asDouble(), closeTo(cos[order[i]], 1e-4));
      }
    }
  }

  @Test
  void badRequestsAre4xxAndStoreNothing() throws Exception {
    Path model = CatalogFixture.writeWithContent(tmp.resolve("model"));
    Path db = tmp.resolve("requests.db");
    try (MarqueeServer server = start(model, db)) {
      Http http = new Http(server.port());
      String path = "/admin/items/" + NEW;
      String[][] bad = {
          {"{\"genres\": []}", "missing required field 'title'"},
          {"{\"title\": \"  \", \"genres\": []}", "'title' must be a non-blank string"},
          {"{\"title\": 5, \"genres\": []}", "'title' must be a non-blank string"},
          {"{\"title\": \"" + "x".repeat(501) + "\", \"genres\": []}", "'title' must be at most 500 characters, got 501"},
          {"{\"title\": \"A\"}", "missing required field 'genres'"},
          {"{\"title\": \"A\", \"genres\": \"Comedy\"}", "'genres' must be an array of strings"},
          {"{\"title\": \"A\", \"genres\": [1]}", "'genres' must be an array of strings"},
          {"{\"title\": \"A\", \"genres\": [\"Comedy|Drama\"]}", "'genres' entries must be non-blank strings"},
          {"{\"title\": \"A\", \"genres\": [], \"tags\": {}}", "'tags' must be an array of strings"},
          {"{\"title\": \"A\", \"genres\": [], \"year\": \"1999\"}", "'year' must be an integer in [1870, 2100]"},
          {"{\"title\": \"A\", \"genres\": [], \"year\": 1500}", "'year' must be an integer in [1870, 2100]"},
          {"{\"title\": \"A\", \"genres\": [], \"year\": 1999.5}", "'year' must be an integer in [1870, 2100]"},
          {"{\"title\": \"A\", \"genres\": [], \"rating\": 5}", "unknown field 'rating'"},
          {"[1]", "request body must be a JSON object"},
          {"{\"title\": ", "malformed JSON"},
      };
      for (String[] c : bad) {
        Http.Response r = http.put(path, c[0], ADMIN);
        assertThat(c[0], r.status(), is(400));
        assertThat(c[0], r.json().get("error").asText(), is("bad_request"));
        assertThat(c[0], r.json().get("message").asText(), containsString(c[1]));
      }
      assertThat(http.put("/admin/items/abc", NEW_BODY, ADMIN).status(), is(400));
      assertThat(http.put("/admin/items/0", NEW_BODY, ADMIN).json().get("message").asText(),
          is("'movie_id' must be a positive integer, got 0"));
      Http.Response text = http.put(path, NEW_BODY, "X-API-Key", KEY, "Content-Type", "text/plain");
      assertThat(text.status(), is(415));
      assertThat(text.json().get("error").asText(), is("unsupported_media_type"));
      assertThat(http.put(path, "{\"title\": \"A\", \"genres\": [\"" + "g".repeat(70_000) + "\"]}", ADMIN).status(),
          is(413));
      assertThat(http.put(path, NEW_BODY).status(), is(401));
      assertThat(http.put(path, NEW_BODY, "X-API-Key", "wrong").status(), is(403));
      assertThat(http.method("DELETE", path, ADMIN).status(), is(404));
      assertThat(http.method("DELETE", path).status(), is(401));
      assertThat(http.method("POST", path, ADMIN).status(), is(405));
      assertThat(http.get("/movies/" + NEW).status(), is(404));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM catalog_changes")) {
      assertThat(rs.getLong(1), is(0L));
    }
  }
}
