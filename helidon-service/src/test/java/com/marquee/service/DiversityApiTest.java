package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.ModelArtifacts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code "diversity"} (MMR re-ranking) and {@code genre_diversity} on {@code POST /recommend} over
 * real HTTP: exact values on {@link TestModel}, and the effect on a real iALS model of MovieLens
 * ({@link MovieLensModel}).
 */
class DiversityApiTest {

  @TempDir static Path tmp;
  static MarqueeServer tiny;
  static MarqueeServer real;
  static Http tinyHttp;
  static Http realHttp;
  static ModelArtifacts movieLens;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("tiny"), "v1");
    tiny = Servers.start(tmp.resolve("tiny"), tmp.resolve("tiny-log"), List.of());
    tinyHttp = new Http(tiny.port());
    movieLens = MovieLensModel.write(tmp.resolve("ml"), "ml-v1");
    real = Servers.start(tmp.resolve("ml"), tmp.resolve("ml-log"), List.of());
    realHttp = new Http(real.port());
  }

  @AfterAll
  static void stop() {
    tiny.close();
    real.close();
  }

  /**
   * Issue #21: {@code {"k": 1000, "diversity": 1.0, "explain": true}} made MMR evaluate 1000 x 5000
   * cosines per request (a handful of clients slowed every request down). Over diversity.max_cost
   * (default 500000) it is a 400 naming the limit; k 100 over the default pool of 5000 still works.
   */
  @Test
  void diversityCostOverTheLimitIs400() {
    for (String path : List.of("/recommend", "/recommend/anonymous")) {
      String who = path.equals("/recommend") ? "\"user_id\": 1" : "\"items\": [1, 318, 2571]";
      Http.Response r = realHttp.post(path, "{" + who + ", \"k\": 1000, \"diversity\": 1.0, \"explain\": true}");
      assertThat(path + " " + r.body(), r.status(), is(400));
      assertThat(r.json().get("error").asText(), is("bad_request"));
      assertThat(r.json().get("message").asText(), org.hamcrest.Matchers.containsString("diversity.max_cost"));
      assertThat(r.json().get("message").asText(), org.hamcrest.Matchers.containsString("offset + k <= 100"));
      Http.Response ok = realHttp.post(path, "{" + who + ", \"k\": 100, \"diversity\": 1.0}");
      assertThat(path + " " + ok.body(), ok.status(), is(200));
      assertThat(ok.json().get("recommendations").size(), is(100));
      // without diversity, k 1000 costs no MMR and stays allowed
      assertThat(realHttp.post(path, "{" + who + ", \"k\": 1000}").status(), is(200));
    }
  }

  @Test
  void diversityZeroIsExactlyThePlainAnswer() {
    for (String extra : List.of("", ", \"exclude_seen\": false", ", \"filters\": {\"genres\": [\"Drama\", \"Comedy\"]}")) {
      String plain = tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 5" + extra + "}").body();
      assertThat(tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 5, \"diversity\": 0" + extra + "}").body(),
          is(plain));
      assertThat(tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 5, \"diversity\": 0.0" + extra + "}").body(),
          is(plain));
    }
    for (int user = 1; user <= 40; user++) {
      String plain = realHttp.post("/recommend", "{\"user_id\": " + user + ", \"k\": 20}").body();
      assertThat(realHttp.post("/recommend", "{\"user_id\": " + user + ", \"k\": 20, \"diversity\": 0}").body(),
          is(plain));
    }
  }

  /**
   * User 1 (vector e1) without its seen movies 22 and 44: model scores 66 0.8, 88 0.6, 11 0.5, 55
   * 0.3, 77 0.2, 33 0.1, min-max normalized over the pool to 1, 5/7, 4/7, 2/7, 1/7, 0. Item
   * cosines (from TestModel's vectors): cos(66,88) .7913, cos(66,11) .8771, cos(66,55) .4602,
   * cos(66,77) .6306, cos(66,33) .3297, cos(88,11) .9542, cos(88,55) .5816, cos(88,77) .1919,
   * cos(88,33) .5217.
   *
   * <p>diversity 0.5 (lambda .5): pick 66 (relevance 1); then 0.5 rel - 0.5 maxSim: 88 .357-.396 =
   * -.038, 55 .143-.230 = -.087, 11 .286-.439 = -.153, 33 -.165, 77 -.244 → 88; then with max
   * over {66, 88}: 55 .143-.291 = -.148, 11 .286-.477 = -.191, 77 -.244, 33 -.261 → 55. The plain
   * top 3 is 66, 88, 11.
   */
  @Test
  void mmrMatchesTheHandComputedRankingOnTheTinyModel() {
    Http.Response r = tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 3, \"diversity\": 0.5}");
    assertThat(r.body(), r.status(), is(200));
    assertThat(r.movieIds("recommendations"), contains(66L, 88L, 55L));
    JsonNode recs = r.json().get("recommendations");
    // scores stay the model scores
    assertThat(recs.get(0).get("score").asDouble(), closeTo(0.8, 1e-6));
    assertThat(recs.get(1).get("score").asDouble(), closeTo(0.6, 1e-6));
    assertThat(recs.get(2).get("score").asDouble(), closeTo(0.3, 1e-6));
    // genres {Action, Sci-Fi}, {Drama, Romance}, {Comedy, Drama}: distances 1, 1, 1 - 1/3
    assertThat(r.json().get("genre_diversity").asDouble(), closeTo(8.0 / 9.0, 1e-12));

    Http.Response plain = tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
    assertThat(plain.movieIds("recommendations"), contains(66L, 88L, 11L));
    // {Action, Sci-Fi}, {Drama, Romance}, {Comedy, Animation}: no shared genre
    assertThat(plain.json().get("genre_diversity").asDouble(), is(1.0));

    // diversity 1 (lambda 0): after 66 the least similar: 33 (.3297), then min max-sim: 55 (max .4602)
    assertThat(tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 3, \"diversity\": 1}")
        .movieIds("recommendations"), contains(66L, 33L, 55L));
  }

  @Test
  void genreDiversityIsNullBelowTwoItemsAndOnFallbacksTheListIsNotReRanked() {
    Http.Response one = tinyHttp.post("/recommend", "{\"user_id\": 1, \"k\": 1, \"diversity\": 0.5}");
    assertThat(one.movieIds("recommendations"), contains(66L));
    assertThat(one.json().get("genre_diversity").isNull(), is(true));
    Http.Response fallback = tinyHttp.post("/recommend", "{\"user_id\": 999, \"k\": 3, \"diversity\": 1}");
    assertThat(fallback.json().get("is_fallback").asBoolean(), is(true));
    assertThat(fallback.movieIds("recommendations"), contains(44L, 11L, 88L));
    // Comedy, {Comedy, Animation}, {Drama, Romance}: 1 - 1/2, 1, 1
    assertThat(fallback.json().get("genre_diversity").asDouble(), closeTo(2.5 / 3, 1e-12));
  }

  @Test
  void anonymousRecommendationsTakeDiversityToo() {
    String plain = tinyHttp.post("/recommend/anonymous", "{\"items\": [22], \"k\": 4}").body();
    assertThat(tinyHttp.post("/recommend/anonymous", "{\"items\": [22], \"k\": 4, \"diversity\": 0}").body(),
        is(plain));
    Http.Response diverse = tinyHttp.post("/recommend/anonymous", "{\"items\": [22], \"k\": 4, \"diversity\": 1}");
    assertThat(diverse.status(), is(200));
    assertThat(diverse.movieIds("recommendations"), not(new Http.Response(200, null, plain).movieIds("recommendations")));
    assertThat(diverse.json().has("genre_diversity"), is(true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.1", "1.0001", "2", "\"0.5\"", "true", "[0.5]", "{}", "1e400"})
  void diversityOutsideZeroToOneIsBadRequest(String value) {
    Http.Response r = tinyHttp.post("/recommend", "{\"user_id\": 1, \"diversity\": " + value + "}");
    assertThat(r.body(), r.status(), is(400));
    assertThat(r.json().get("error").asText(), is("bad_request"));
    assertThat(r.json().get("message").asText(), org.hamcrest.Matchers.containsString("diversity"));
    assertThat(tinyHttp.post("/recommend/anonymous", "{\"items\": [22], \"diversity\": " + value + "}").status(),
        is(400));
  }

  /**
   * On the MovieLens model, diversity 0.5 raises the intra-list dissimilarity (mean pairwise {@code
   * 1 - cos} of the item embeddings, computed here from the model's factors) of every one of 40
   * users' top-20 lists, and the mean genre diversity over those lists.
   */
  @Test
  void diversityRaisesIntraListDissimilarityOnTheMovieLensModel() {
    double plainIld = 0;
    double diverseIld = 0;
    double plainGenre = 0;
    double diverseGenre = 0;
    int users = 40;
    for (int user = 1; user <= users; user++) {
      Http.Response p = realHttp.post("/recommend", "{\"user_id\": " + user + ", \"k\": 20}");
      Http.Response d = realHttp.post("/recommend", "{\"user_id\": " + user + ", \"k\": 20, \"diversity\": 0.5}");
      assertThat(d.body(), d.status(), is(200));
      assertThat(d.json().get("is_fallback").asBoolean(), is(false));
      assertThat(d.movieIds("recommendations").size(), is(20));
      // MMR's first pick is the best-scored item
      assertThat(d.movieIds("recommendations").get(0), is(p.movieIds("recommendations").get(0)));
      double ildPlain = ild(p.movieIds("recommendations"));
      double ildDiverse = ild(d.movieIds("recommendations"));
      assertThat("user " + user, ildDiverse, greaterThan(ildPlain));
      plainIld += ildPlain;
      diverseIld += ildDiverse;
      plainGenre += p.json().get("genre_diversity").asDouble();
      diverseGenre += d.json().get("genre_diversity").asDouble();
    }
    assertThat(diverseIld / users, greaterThan(plainIld / users + 0.05));
    assertThat(diverseGenre / users, greaterThanOrEqualTo(plainGenre / users));
  }

  /** Mean pairwise {@code 1 - cos(y_i, y_j)} of the movies' item vectors. */
  static double ild(List<Long> movieIds) {
    FactorMatrix y = movieLens.itemFactors();
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < movieIds.size(); i++) {
      for (int j = i + 1; j < movieIds.size(); j++) {
        int a = movieLens.items().rowOf(movieIds.get(i));
        int b = movieLens.items().rowOf(movieIds.get(j));
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < y.cols(); c++) {
          double va = y.data()[a * y.cols() + c];
          double vb = y.data()[b * y.cols() + c];
          dot += va * vb;
          na += va * va;
          nb += vb * vb;
        }
        sum += 1 - dot / Math.sqrt(na * nb);
        pairs++;
      }
    }
    return sum / pairs;
  }
}
