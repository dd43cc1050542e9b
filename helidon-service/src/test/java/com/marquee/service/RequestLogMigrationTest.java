package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.marquee.service.log.RequestLogRow;
import com.marquee.service.log.RequestLogWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request log created before the {@code variant} column existed gets it at start-up. */
class RequestLogMigrationTest {

  @TempDir Path tmp;

  @Test
  void anOldDatabaseGetsTheVariantColumnAndKeepsItsRows() throws Exception {
    Path db = tmp.resolve("requests.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      // The schema as it was before the A/B experiment.
      s.execute("CREATE TABLE request_logs (request_id TEXT, timestamp TEXT, user_id INTEGER, endpoint TEXT, "
          + "model_version TEXT, recommendations TEXT, scores TEXT, latency_ms REAL, is_fallback INTEGER, "
          + "fallback_reason TEXT, status INTEGER)");
      s.execute("INSERT INTO request_logs VALUES ('old', '2026-11-01T00:00:00.000Z', 1, '/recommend', 'v0', '[]', "
          + "'[]', 1.5, 0, NULL, 200)");
      assertThat(columns(c), not(hasItem("variant")));
    }
    try (RequestLogWriter w = RequestLogWriter.open(db, 10, 10, Duration.ofMillis(10))) {
      w.offer(new RequestLogRow("new", Instant.parse("2026-11-22T12:00:00Z"), 7L, "/recommend", "vB",
          new long[] {1}, new double[] {0.5}, 2.0, false, null, 200, "treatment"));
    }
    // Opening it again is a no-op for the schema.
    RequestLogWriter.open(db, 10, 10, Duration.ofMillis(10)).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      assertThat(columns(c), hasItem("variant"));
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT request_id, variant FROM request_logs ORDER BY timestamp")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "=" + rs.getString(2));
        }
      }
      assertThat(rows, contains("old=null", "new=treatment"));
    }
  }

  @Test
  void aNewDatabaseHasTheVariantColumnLast() throws Exception {
    Path db = tmp.resolve("fresh.db");
    RequestLogWriter.open(db, 10, 10, Duration.ofMillis(10)).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      List<String> cols = columns(c);
      assertThat(cols.get(cols.size() - 1), is("variant"));
      assertThat(cols.size(), is(12));
    }
  }

  private static List<String> columns(Connection c) throws Exception {
    List<String> cols = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(request_logs)")) {
      while (rs.next()) {
        cols.add(rs.getString("name"));
      }
    }
    return cols;
  }
}
