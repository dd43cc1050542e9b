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

  /**
   * A batch is executed in chunks of {@code CHUNK_ROWS} rows but committed as one transaction: a
   * row that fails in its last chunk takes the earlier chunks of the same batch back with it, and
   * the next batch is written normally. The failure is a real SQLite error, raised by a trigger.
   */
  @Test
  void aBatchOfSeveralChunksIsAllOrNothing() throws Exception {
    Path db = tmp.resolve("requests.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      com.marquee.service.log.RequestLogSchema.apply(c);
      s.execute("CREATE TRIGGER reject_bad BEFORE INSERT ON request_logs WHEN NEW.request_id = 'bad' "
          + "BEGIN SELECT RAISE(ABORT, 'bad row'); END");
    }
    int batch = 40; // three chunks of at most 16 rows
    RequestLogWriter w = RequestLogWriter.open(db, 1_000, batch, Duration.ofSeconds(30));
    for (int i = 0; i < batch; i++) {
      w.offer(i == 35 ? new RequestLogRow("bad", Instant.parse("2026-11-22T10:00:00Z"), 1L, "/recommend", "v1",
          new long[0], new double[0], 1.0, false, null, 200) : row(i));
    }
    for (int i = batch; i < 2 * batch; i++) {
      w.offer(row(i));
    }
    w.close();
    assertThat(w.failed(), is((long) batch));
    assertThat(w.written(), is((long) batch));
    assertThat(count(db), is((long) batch));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(user_id), max(user_id) FROM request_logs")) {
      assertThat(rs.getLong(1), is((long) batch)); // only the second batch
      assertThat(rs.getLong(2), is(2L * batch - 1));
    }
  }

  @Test
  void scoresAreStoredAsTheShortestTextOfTheirValue() throws Exception {
    Path db = tmp.resolve("requests.db");
    float f = 0.41234567f;
    try (RequestLogWriter w = RequestLogWriter.open(db, 10, 10, Duration.ofMillis(10))) {
      w.offer(new RequestLogRow("x", Instant.parse("2026-01-02T03:04:05.678Z"), 1L, "/recommend", "v1",
          new long[] {1, 2, 3}, new double[] {f, 0.1, Double.NaN}, 0.25, false, null, 200));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT scores FROM request_logs")) {
      // a float32 score as its float text (the double text would be 0.41234567761421204), a double
      // that is no float with all its digits, a non-finite score as null
      assertThat(rs.getString(1), is("[0.41234568,0.1,null]"));
    }
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
