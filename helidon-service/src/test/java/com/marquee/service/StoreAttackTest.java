package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.marquee.service.log.FeedbackStore;
import com.marquee.service.log.RequestLogRow;
import com.marquee.service.log.RequestLogWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #21 items 5 to 8 and the smaller feedback items, over real SQLite files and (except the
 * writer-level cases) a real server on 127.0.0.1: a full disk (a real tmpfs mount, skipped when
 * {@code mount} is not permitted), a database locked by another process (python3's sqlite3 holding
 * an exclusive lock), the database files deleted while serving, {@code DELETE FROM feedback}, out of
 * range timestamps, and a client retrying with an {@code Idempotency-Key}.
 */
class StoreAttackTest {

  @TempDir Path tmp;

  static String feedback(long user, long movie) {
    return "{\"user_id\": " + user + ", \"movie_id\": " + movie + ", \"event\": \"watch\"}";
  }

  static long count(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Set<String> feedbackIds(Path db) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT feedback_id FROM feedback")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  // ---- item 5: SQLITE_FULL on a real tmpfs ---------------------------------------------------

  /** A tmpfs of {@code size} mounted at {@code dir}; unmounted by {@link #close}. */
  record Tmpfs(Path dir) implements AutoCloseable {
    static Tmpfs mount(Path dir, String size) throws Exception {
      Files.createDirectories(dir);
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
          "skipped: cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): " + out.strip());
      return new Tmpfs(dir);
    }

    /** Fills the file system with {@code filler} until it is full. */
    Path fill() throws IOException {
      Path filler = dir.resolve("filler");
      try (OutputStream out = Files.newOutputStream(filler)) {
        byte[] block = new byte[4096];
        while (true) {
          out.write(block);
          out.flush();
        }
      } catch (IOException full) {
        // No space left on device
      }
      return filler;
    }

    @Override
    public void close() throws Exception {
      new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theFeedbackStoreRecoversWhenTheDiskHasSpaceAgain() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("small"), "2m")) {
      Path db = fs.dir().resolve("requests.db");
      try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
        Http http = new Http(server.port());
        assertThat(http.post("/feedback", feedback(1, 22)).status(), is(202));
        Path filler = fs.fill();
        Http.Response full = http.post("/feedback", feedback(1, 33));
        int tries = 0;
        while (full.status() == 202 && tries++ < 200) { // SQLite may still have a free page or two
          full = http.post("/feedback", feedback(1, 33));
        }
        assertThat(full.body(), full.status(), is(503));
        assertThat(full.json().get("error").asText(), is("feedback_unavailable"));
        Files.delete(filler);
        Http.Response back = http.post("/feedback", feedback(1, 44));
        assertThat("after the disk has space again: " + back.body(), back.status(), is(202));
        assertThat(http.post("/feedback", feedback(1, 55)).status(), is(202));
      }
    }
  }

  /**
   * The request-log writer's counters agree with the file after a full disk: rows in the table are
   * {@code written}, the rest {@code failed}. Before, SQLite's automatic rollback left the driver in
   * autocommit: later batches were stored row by row while counted failed ("cannot commit - no
   * transaction is active").
   */
  @Test
  void theRequestLogCountsWhatIsInTheFileAfterADiskFull() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("small"), "2m")) {
      Path db = fs.dir().resolve("requests.db");
      int offered = 0;
      RequestLogWriter w = RequestLogWriter.open(db, 10_000, 5, Duration.ofMillis(5));
      try {
        for (int i = 0; i < 20; i++, offered++) {
          w.offer(row(offered));
        }
        waitIdle(w);
        Path filler = fs.fill();
        for (int i = 0; i < 200; i++, offered++) {
          w.offer(row(offered));
          if (i % 5 == 4) {
            waitIdle(w);
          }
        }
        waitIdle(w);
        assertThat("some batches must have failed on the full disk", w.failed(), greaterThan(0L));
        Files.delete(filler);
        for (int i = 0; i < 20; i++, offered++) {
          w.offer(row(offered));
        }
      } finally {
        w.close();
      }
      long inFile = count(db, "SELECT count(*) FROM request_logs");
      System.out.printf("request log after a full disk: offered %d, written %d, failed %d, rows in the file %d%n",
          offered, w.written(), w.failed(), inFile);
      assertThat(w.written(), is(inFile));
      assertThat(w.written() + w.failed() + w.dropped(), is((long) offered));
      assertThat("rows written after the disk has space again", inFile, greaterThan(20L));
    }
  }

  static RequestLogRow row(int i) {
    return new RequestLogRow("r-" + i, Instant.now(), (long) i, "/recommend", "v1", new long[] {1, 2, 3},
        new double[] {0.5, 0.25, 0.125}, 1.5, false, null, 200);
  }

  static void waitIdle(RequestLogWriter w) throws InterruptedException {
    for (int i = 0; i < 500 && w.queued() > 0; i++) {
      Thread.sleep(5);
    }
    Thread.sleep(50); // the batch taken off the queue is being written
  }

  // ---- item 6: a locked database must not stop /health -------------------------------------

  /**
   * Two stalls at once, as in the issue: the request log holds 500k rows of the last hour (each
   * {@code /dashboard/data} scans them all, about 1 s of CPU in JDBC), and another process (python3's
   * sqlite3, real SQLite) holds the write lock ({@code BEGIN EXCLUSIVE}), so every feedback insert
   * waits in SQLite's busy handler (native code) for up to 5 s. Four {@code /dashboard/data} and four
   * {@code /feedback} calls are then in flight; {@code /health} must answer within 100 ms meanwhile.
   * Before, those calls ran on the request's virtual thread: a scan holds its carrier until it ends
   * (virtual threads are not preempted) and a native wait pins it, so both carriers of a 2-core
   * machine were taken and {@code /health} waited.
   */
  @Test
  void healthAnswersWithin100msWhileTheDatabaseIsBusy() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("requests.db");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      assertThat(http.post("/feedback", feedback(1, 22)).status(), is(202));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
        s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000) "
            + "INSERT INTO request_logs (request_id, timestamp, endpoint, model_version, latency_ms, is_fallback, "
            + "status) SELECT 'r' || i, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % 3000) || ' seconds'), "
            + "'/recommend', 'v1', i % 50, i % 2, 200 FROM n");
      }
      String script = String.join("\n",
          "import sqlite3, sys, time",
          "c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)",
          "c.execute('BEGIN EXCLUSIVE')",
          "c.execute(\"INSERT INTO request_logs (request_id) VALUES ('lock-holder')\")",
          "print('locked', flush=True)",
          "time.sleep(float(sys.argv[2]))",
          "c.execute('ROLLBACK')");
      Process holder = new ProcessBuilder("/usr/bin/python3", "-c", script, db.toString(), "6").start();
      try {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
        assertThat("lock holder: " + new String(holder.getErrorStream().readNBytes(2000)), line, is("locked"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.port();
        List<CompletableFuture<HttpResponse<String>>> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          stalled.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/dashboard/data")).build(),
              HttpResponse.BodyHandlers.ofString()));
          stalled.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/feedback"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(feedback(2, 33))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300); // all eight are running or waiting for the lock now
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        long[] ms = new long[10];
        for (int i = 0; i < ms.length; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> h = probe.send(HttpRequest.newBuilder(URI.create(base + "/health"))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
          ms[i] = (System.nanoTime() - t0) / 1_000_000;
          assertThat(h.statusCode(), is(200));
          Thread.sleep(20);
        }
        long[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("/health during the stall, ms: %s (median %d, worst %d)%n", java.util.Arrays.toString(ms),
            sorted[4], sorted[9]);
        // The median must be within 100 ms; the worst call is bounded at 1 s, not 100 ms: this machine
        // is shared (2 cores, other builds) and one scan of the 500k rows runs meanwhile on a JDBC
        // thread, so a single call may wait for a core or a GC pause. Before the fix every call took
        // about 5 s (the busy timeout).
        assertThat("median /health latency during the stall, ms", sorted[4], lessThan(100L));
        assertThat("worst /health latency during the stall, ms", sorted[9], lessThan(1000L));
        for (CompletableFuture<HttpResponse<String>> f : stalled) {
          HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
          assertThat(r.body(), r.statusCode() == 200 || r.statusCode() == 202 || r.statusCode() == 503, is(true));
        }
      } finally {
        holder.destroy();
        holder.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  // ---- item 7: deleted database files --------------------------------------------------------

  @Test
  void feedbackAfterTheDatabaseFilesAreDeletedIsNot202UnlessStored() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("logs/requests.db");
    Set<String> accepted = new HashSet<>();
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      Http.Response first = http.post("/feedback", feedback(1, 22));
      assertThat(first.status(), is(202));
      try (var files = Files.list(db.getParent())) {
        for (Path f : files.filter(p -> p.getFileName().toString().startsWith("requests.db")).toList()) {
          Files.delete(f);
        }
      }
      Http.Response afterDelete = http.post("/feedback", feedback(1, 33));
      assertThat(afterDelete.body(), afterDelete.status(), is(503));
      assertThat(afterDelete.json().get("message").asText(), containsString("deleted or replaced"));
      for (int i = 0; i < 5; i++) {
        Http.Response r = http.post("/feedback", feedback(1, 44));
        assertThat(r.body(), r.status(), is(202));
        accepted.add(r.json().get("feedback_id").asText());
      }
    }
    // Everything answered 202 after the deletion is in the file at the path after a restart.
    assertThat(feedbackIds(db), is(accepted));
  }

  // ---- item 8: DELETE FROM feedback must not make rowids restart -----------------------------

  @Test
  void rowidsKeepGrowingAfterTheFeedbackTableIsCleared() throws Exception {
    Path db = tmp.resolve("requests.db");
    try (FeedbackStore store = FeedbackStore.open(db)) {
      for (int i = 0; i < 3; i++) {
        store.insert(event(i));
      }
      long mark = count(db, "SELECT max(rowid) FROM feedback"); // what retrain records
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
        s.execute("DELETE FROM feedback"); // docs/OPERATIONS.md, log retention
      }
      store.insert(event(3));
      assertThat("new events must be after retrain's high-water mark",
          count(db, "SELECT count(*) FROM feedback WHERE rowid > " + mark), is(1L));
    }
  }

  /** A feedback table of the old schema (no seq) keeps its rowids through the migration. */
  @Test
  void anOldFeedbackTableIsMigratedKeepingItsRowids() throws Exception {
    Path db = tmp.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE feedback (feedback_id TEXT PRIMARY KEY, timestamp TEXT, user_id INTEGER, "
          + "movie_id INTEGER, event TEXT, value REAL, request_id TEXT)");
      for (int i = 1; i <= 5; i++) {
        s.execute("INSERT INTO feedback VALUES ('f" + i + "', '2026-01-01T00:00:00.000Z', 1, " + i
            + ", 'watch', NULL, NULL)");
      }
      s.execute("DELETE FROM feedback WHERE rowid IN (1, 2)");
    }
    try (FeedbackStore store = FeedbackStore.open(db)) {
      assertThat(count(db, "SELECT count(*) FROM feedback WHERE rowid = 5 AND feedback_id = 'f5'"), is(1L));
      store.insert(event(9));
      assertThat(count(db, "SELECT max(rowid) FROM feedback"), is(6L));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
        s.execute("DELETE FROM feedback");
      }
      store.insert(event(10));
      assertThat(count(db, "SELECT max(rowid) FROM feedback"), is(7L));
    }
  }

  static FeedbackStore.Event event(int i) {
    return new FeedbackStore.Event("id-" + i, Instant.parse("2026-01-01T00:00:00Z"), 1, 10 + i, "watch", null, null);
  }

  // ---- smaller: timestamps and idempotency ---------------------------------------------------

  @Test
  void timestampsOutsideTheStorableRangeAre400() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("requests.db");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      for (String ts : List.of("99999999999999999", "253402300800", "\"+10000-01-01T00:00:00Z\"",
          "\"-0001-01-01T00:00:00Z\"", "-1", "\"+999999999-12-31T23:59:59Z\"")) {
        Http.Response r = http.post("/feedback",
            "{\"user_id\": 1, \"movie_id\": 22, \"event\": \"watch\", \"timestamp\": " + ts + "}");
        assertThat(ts + ": " + r.body(), r.status(), is(400));
        assertThat(r.json().get("error").asText(), is("bad_request"));
        assertThat(r.json().get("message").asText(), containsString("9999-12-31T23:59:59Z"));
      }
      Http.Response last = http.post("/feedback",
          "{\"user_id\": 1, \"movie_id\": 22, \"event\": \"watch\", \"timestamp\": 253402300799}");
      assertThat(last.body(), last.status(), is(202));
      assertThat(last.json().get("timestamp").asText(), is("9999-12-31T23:59:59.000Z"));
    }
    assertThat(count(db, "SELECT count(*) FROM feedback"), is(1L));
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyStoresNothingNewEvenAfterARestart() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("requests.db");
    String body = "{\"user_id\": 1, \"movie_id\": 22, \"event\": \"rating\", \"value\": 4}";
    String id;
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      Http.Response first = http.post("/feedback", body, "Idempotency-Key", "retry-1");
      assertThat(first.body(), first.status(), is(202));
      id = first.json().get("feedback_id").asText();
      Http.Response again = http.post("/feedback", body, "Idempotency-Key", "retry-1");
      assertThat(again.status(), is(202));
      assertThat(again.json().get("feedback_id").asText(), is(id));
      assertThat(again.header("Idempotent-Replayed"), is("true"));
      Http.Response other = http.post("/feedback", body.replace("22", "33"), "Idempotency-Key", "retry-1");
      assertThat(other.body(), other.status(), is(422));
      assertThat(other.json().get("error").asText(), is("idempotency_key_reused"));
      assertThat(http.post("/feedback", body, "Idempotency-Key", "").status(), is(400));
      assertThat(http.post("/feedback", body, "Idempotency-Key", "retry-2").status(), is(202));
    }
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http.Response afterRestart = new Http(server.port()).post("/feedback", body, "Idempotency-Key", "retry-1");
      assertThat(afterRestart.status(), is(202));
      assertThat(afterRestart.json().get("feedback_id").asText(), is(id));
    }
    assertThat(count(db, "SELECT count(*) FROM feedback"), is(2L));
  }
}
