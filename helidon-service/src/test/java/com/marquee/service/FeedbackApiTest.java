package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /feedback: 202 only after the row is committed; bad input is 400 and stores nothing. */
class FeedbackApiTest {

  @TempDir Path tmp;

  @Test
  void acceptedEventsAreInTheFeedbackTableBeforeTheAnswer() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("logs/requests.db");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      Http.Response r = http.post("/feedback",
          "{\"user_id\": 7, \"movie_id\": 22, \"event\": \"rating\", \"value\": 4.5, \"timestamp\": 1700000000}",
          "X-Request-ID", "fb-1");
      assertThat(r.body(), r.status(), is(202));
      JsonNode j = r.json();
      assertThat(j.get("feedback_id").asText(), notNullValue());
      assertThat(j.get("timestamp").asText(), is("2023-11-14T22:13:20.000Z"));
      // Read with a separate connection while the server still runs: the row is committed already.
      List<String> rows = rows(db);
      assertThat(rows, is(List.of(j.get("feedback_id").asText() + " 7 22 rating 4.5 2023-11-14T22:13:20.000Z fb-1")));

      assertThat(http.post("/feedback", "{\"user_id\": 7, \"movie_id\": 33, \"event\": \"watch\"}").status(), is(202));
      assertThat(http.post("/feedback",
          "{\"user_id\": 7, \"movie_id\": 44, \"event\": \"click\", \"timestamp\": \"2026-01-02T03:04:05+01:00\"}")
          .json().get("timestamp").asText(), is("2026-01-02T02:04:05.000Z"));

      for (String bad : List.of(
          "{\"movie_id\": 1, \"event\": \"watch\"}",
          "{\"user_id\": 1, \"event\": \"watch\"}",
          "{\"user_id\": \"1\", \"movie_id\": 1, \"event\": \"watch\"}",
          "{\"user_id\": 1, \"movie_id\": 1, \"event\": \"like\"}",
          "{\"user_id\": 1, \"movie_id\": 1}",
          "{\"user_id\": 1, \"movie_id\": 1, \"event\": \"rating\"}",
          "{\"user_id\": 1, \"movie_id\": 1, \"event\": \"rating\", \"value\": 5.5}",
          "{\"user_id\": 1, \"movie_id\": 1, \"event\": \"rating\", \"value\": 0.4}",
          "{\"user_id\": 1, \"movie_id\": 1, \"event\": \"watch\", \"value\": \"all\"}",
          "{\"user_id\": 1, \"movie_id\": 1, \"event\": \"watch\", \"timestamp\": \"yesterday\"}",
          "{\"user_id\": 1, \"movie_id\": 11, \"event\": \"watch\", \"rating\": 5}",
          "{not json")) {
        Http.Response b = http.post("/feedback", bad);
        assertThat(bad, b.status(), is(400));
        assertThat(bad, b.json().get("error").asText(), is("bad_request"));
      }
      Http.Response unknown = http.post("/feedback", "{\"user_id\": 1, \"movie_id\": 99999999, \"event\": \"watch\"}");
      assertThat(unknown.status(), is(404));
      assertThat(unknown.json().get("error").asText(), is("not_found"));
      assertThat(unknown.json().get("message").asText(), is("movie 99999999 is not in the catalog; nothing was stored"));
      assertThat(http.get("/feedback").status(), is(405));
      assertThat(rows(db).size(), is(3));
    }
  }

  private static List<String> rows(Path db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT feedback_id, user_id, movie_id, event, value, timestamp, request_id FROM feedback ORDER BY rowid")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getString(4) + " "
            + (rs.getObject(5) == null ? "null" : rs.getDouble(5)) + " " + rs.getString(6) + " " + rs.getString(7));
      }
    }
    return rows;
  }
}
