package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.marquee.service.model.ExactRetriever;
import com.marquee.service.model.RetrieverFactory;
import com.marquee.service.model.ScoredItems;
import com.marquee.service.recommend.SimilarConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link RetrieverFactory} seam: another retriever plugs in without endpoint changes, and a
 * retriever that fails turns into a 500 JSON answer without internals, logged with its status.
 */
class RetrieverSeamTest {

  @TempDir Path tmp;

  @Test
  void aPluggedRetrieverServesRecommendAndSimilar() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    AtomicInteger searches = new AtomicInteger();
    RetrieverFactory counting = (artifacts, dir) -> {
      ExactRetriever exact = new ExactRetriever(artifacts.itemFactors());
      return (query, k, allowed) -> {
        searches.incrementAndGet();
        return exact.search(query, k, allowed);
      };
    };
    try (MarqueeServer server = MarqueeServer.start(
        Servers.config(tmp.resolve("model"), tmp.resolve("requests.db"), List.of(), 1024)
            .with(new SimilarConfig("inner_product")), counting)) { // cosine scans its own copy
      Http http = new Http(server.port());
      assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 2}").movieIds("recommendations"), contains(66L, 88L));
      assertThat(http.post("/similar", "{\"movie_id\": 22, \"k\": 1}").movieIds("similar_items"), contains(66L));
      http.post("/recommend", "{\"user_id\": 999}"); // fallback: no retrieval
      assertThat(searches.get(), is(2));
    }
  }

  @Test
  void unexpectedFailureIs500JsonWithoutInternals() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    RetrieverFactory failing = (artifacts, dir) -> (query, k, allowed) -> {
      throw new IllegalStateException("secret internal detail");
    };
    Path db = tmp.resolve("requests.db");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 1024), failing)) {
      Http http = new Http(server.port());
      Http.Response r = http.post("/recommend", "{\"user_id\": 1}", "X-Request-ID", "boom-1");
      assertThat(r.status(), is(500));
      assertThat(r.json().get("error").asText(), is("internal_error"));
      assertThat(r.json().get("message").asText(), containsString("boom-1"));
      assertThat(r.body(), not(containsString("secret")));
      assertThat(r.body(), not(containsString("Exception")));
      assertThat(r.header("X-Request-ID"), is("boom-1"));
      // the server keeps serving
      assertThat(http.post("/recommend", "{\"user_id\": 999, \"k\": 1}").status(), is(200));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status FROM request_logs WHERE request_id = 'boom-1'")) {
      assertThat(rs.next(), is(true));
      assertThat(rs.getInt(1), is(500));
    }
  }

  @Test
  void exactRetrieverHonoursAllowedAndTies() {
    ExactRetriever r = new ExactRetriever(TestModel.artifacts("v").itemFactors());
    ScoredItems top = r.search(new float[] {0, 0, 0, 0}, 3, i -> i != 0); // all scores tie at 0
    assertThat(top.rows()[0], is(1));
    assertThat(top.rows()[1], is(2));
    assertThat(top.rows()[2], is(3));
    assertThat(r.search(new float[] {1, 0, 0, 0}, 10, i -> false).size(), is(0));
  }
}
