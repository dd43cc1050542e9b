package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.marquee.service.log.RequestLogRow;
import com.marquee.service.log.RequestLogWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asynchronous SQLite writer on its own (real SQLite). */
class RequestLogWriterTest {

  @TempDir Path tmp;

  static RequestLogRow row(int i) {
    return new RequestLogRow("id-" + i, Instant.parse("2026-11-22T10:00:00Z"), (long) i, "/recommend", "v1",
        new long[] {i, i + 1}, new double[] {0.5, 0.25}, 1.5, false, null, 200);
  }

  static long count(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM request_logs")) {
      return rs.getLong(1);
    }
  }

  @Test
  void closeFlushesEverythingQueued() throws Exception {
    Path db = tmp.resolve("a/b/requests.db");
    RequestLogWriter w = RequestLogWriter.open(db, 10_000, 100, Duration.ofSeconds(30));
    for (int i = 0; i < 2_500; i++) {
      assertThat(w.offer(row(i)), is(true));
    }
    w.close();
    assertThat(count(db), is(2_500L));
    assertThat(w.written(), is(2_500L));
    assertThat(w.dropped(), is(0L));
    assertThat(w.offer(row(0)), is(false)); // closed
    assertThat(w.dropped(), is(1L));
    w.close(); // idempotent
  }

  @Test
  void rowsAreWrittenWithinTheFlushIntervalWithoutClose() throws Exception {
    Path db = tmp.resolve("requests.db");
    try (RequestLogWriter w = RequestLogWriter.open(db, 100, 500, Duration.ofMillis(20))) {
      w.offer(row(1));
      w.offer(row(2));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (w.written() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(w.written(), is(2L));
      assertThat(count(db), is(2L));
    }
  }

  @Test
  void overflowIsCountedNotBlocking() throws Exception {
    Path db = tmp.resolve("requests.db");
    int capacity = 10;
    RequestLogWriter w = RequestLogWriter.open(db, capacity, 1, Duration.ofMillis(5));
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = lock.createStatement()) {
      s.execute("BEGIN EXCLUSIVE"); // the writer now waits (busy_timeout) on its first batch
      w.offer(row(0));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (w.queued() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat("writer took the first row", w.queued(), is(0));
      long start = System.nanoTime();
      for (int i = 1; i <= capacity + 7; i++) {
        w.offer(row(i));
      }
      assertThat("offer never blocks", System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), is(true));
      assertThat(w.dropped(), is(7L));
      s.execute("COMMIT");
    }
    w.close();
    assertThat(w.failed(), is(0L));
    assertThat(count(db), is((long) capacity + 1));
  }

  @Test
  void storesSpecColumns() throws Exception {
    Path db = tmp.resolve("requests.db");
    try (RequestLogWriter w = RequestLogWriter.open(db, 10, 10, Duration.ofMillis(10))) {
      w.offer(new RequestLogRow("x", Instant.parse("2026-01-02T03:04:05.678Z"), null, "/popular", null,
          new long[0], new double[0], 0.25, true, "unknown_user", 404));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT request_id, timestamp, user_id, endpoint, model_version, "
            + "recommendations, scores, latency_ms, is_fallback, fallback_reason, status FROM request_logs")) {
      assertThat(rs.next(), is(true));
      assertThat(rs.getString(1), is("x"));
      assertThat(rs.getString(2), is("2026-01-02T03:04:05.678Z"));
      assertThat(rs.getObject(3), is((Object) null));
      assertThat(rs.getString(4), is("/popular"));
      assertThat(rs.getString(6), is("[]"));
      assertThat(rs.getString(7), is("[]"));
      assertThat(rs.getDouble(8), is(0.25));
      assertThat(rs.getInt(9), is(1));
      assertThat(rs.getString(10), is("unknown_user"));
      assertThat(rs.getInt(11), is(404));
    }
  }
}
