package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests to /recommend, /similar and /popular end up as rows of request_logs (SPEC §6). */
class RequestLogTest {

  @TempDir Path tmp;

  @Test
  void everyLoggedRequestIsARowAfterClose() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("logs/requests.db");
    List<String> expected = new ArrayList<>();
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      http.post("/recommend", "{\"user_id\": 1, \"k\": 3}", "X-Request-ID", "r-1");
      expected.add("/recommend 200");
      http.post("/recommend", "{\"user_id\": 999, \"k\": 2}", "X-Request-ID", "r-2");
      expected.add("/recommend 200");
      http.post("/recommend", "{\"user_id\": 1, \"k\": 0}", "X-Request-ID", "r-3");
      expected.add("/recommend 400");
      http.post("/similar", "{\"movie_id\": 22, \"k\": 2}", "X-Request-ID", "r-4");
      expected.add("/similar 200");
      http.post("/similar", "{\"movie_id\": 5}", "X-Request-ID", "r-5");
      expected.add("/similar 404");
      http.get("/popular?k=1", "X-Request-ID", "r-6");
      expected.add("/popular 200");
      http.get("/recommend", "X-Request-ID", "r-7");
      expected.add("/recommend 405");
      // not request-logged
      http.get("/health");
      http.get("/metrics");
      http.get("/nope");
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.getString(1), is("wal"));
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT endpoint, status FROM request_logs ORDER BY request_id")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + " " + rs.getInt(2));
        }
      }
      assertThat(rows, is(expected));

      try (ResultSet rs = s.executeQuery("SELECT * FROM request_logs WHERE request_id = 'r-1'")) {
        assertThat(rs.next(), is(true));
        assertThat(rs.getLong("user_id"), is(1L));
        assertThat(rs.getString("model_version"), is("v1"));
        assertThat(rs.getString("recommendations"), is("[66,88,11]"));
        assertThat(rs.getString("scores"), is("[0.8,0.6,0.5]"));
        assertThat(rs.getInt("is_fallback"), is(0));
        assertThat(rs.getString("fallback_reason"), is((String) null));
        assertThat(rs.getDouble("latency_ms"), greaterThanOrEqualTo(0.0));
        assertThat(rs.getString("timestamp"), matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM request_logs WHERE request_id = 'r-2'")) {
        assertThat(rs.next(), is(true));
        assertThat(rs.getInt("is_fallback"), is(1));
        assertThat(rs.getString("fallback_reason"), is("unknown_user"));
        assertThat(rs.getString("recommendations"), is("[44,11]"));
        assertThat(rs.getString("scores"), is("[1.0,0.8]"));
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM request_logs WHERE request_id = 'r-3'")) {
        assertThat(rs.next(), is(true));
        assertThat(rs.getLong("user_id"), is(1L));
        assertThat(rs.getString("recommendations"), is("[]"));
      }
      try (ResultSet rs = s.executeQuery("SELECT user_id, recommendations FROM request_logs WHERE request_id = 'r-4'")) {
        assertThat(rs.next(), is(true));
        rs.getLong(1);
        assertThat(rs.wasNull(), is(true));
        assertThat(rs.getString(2), is("[66,44]"));
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables, contains("feedback", "request_logs"));
    }
  }
}
