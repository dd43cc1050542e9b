package com.marquee.pipelines.retrain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback events -> ratings (mapping, high-water mark) and the merged ratings.csv. */
class FeedbackRatingsTest {

  @TempDir Path dir;

  private static final RetrainConfig.Feedback CFG = new RetrainConfig.Feedback("x.db", 5.0, 4.0, 1);

  @Test
  void mapsEventsCountsNewRowsAndAppendsToTheBaseRatings() throws Exception {
    Path db = dir.resolve("requests.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      // The schema of helidon-service's RequestLogSchema (SPEC §6).
      s.execute("CREATE TABLE feedback (feedback_id TEXT PRIMARY KEY, timestamp TEXT, user_id INTEGER, "
          + "movie_id INTEGER, event TEXT, value REAL, request_id TEXT)");
      s.execute("INSERT INTO feedback VALUES ('a', '2018-09-24T14:40:00.000Z', 7, 1, 'watch', NULL, 'r1'),"
          + "('b', '2018-09-24T14:40:01.000Z', 7, 2, 'rating', 3.5, 'r2'),"
          + "('c', '2018-09-24T14:40:02.000Z', 7, 3, 'click', NULL, 'r3'),"
          + "('d', '2018-09-24T14:40:03.000Z', 7, 4, 'skip', NULL, 'r4')");
    }
    FeedbackRatings.Snapshot all = FeedbackRatings.read(db, 0, null, CFG);
    assertThat(all.maxRowid(), is(4L));
    assertThat(all.newEvents(), is(4));
    assertThat(all.ignored(), is(0));
    // the skip becomes the default skip_rating 0.5: below implicit.min_rating, the pair's latest rating
    assertThat(all.ratings().stream().map(FeedbackRatings.Rating::csv).toList(),
        is(List.of("7,1,5.0,1537800000", "7,2,3.5,1537800001", "7,3,4.0,1537800002", "7,4,0.5,1537800003")));

    FeedbackRatings.Snapshot later = FeedbackRatings.read(db, 4, "d", new RetrainConfig.Feedback("x.db", 5.0, 0, 1, 0.0));
    assertThat(later.newEvents(), is(0));
    assertThat(later.maxRowid(), is(4L));
    assertThat(later.ignored(), is(2)); // clicks ignored with click_rating 0, skips with skip_rating 0
    assertThat(later.ratings().size(), is(2)); // cumulative
    assertThat(all.maxFeedbackId(), is("d"));
    assertThat(later.restarted(), is(false));
    all = new FeedbackRatings.Snapshot(all.maxRowid(), all.events(), all.newEvents(), all.ratings().subList(0, 3),
        all.ignored(), all.maxFeedbackId(), false);

    Path base = Files.createDirectories(dir.resolve("base"));
    Files.writeString(base.resolve("ratings.csv"), "userId,movieId,rating,timestamp\r\n1,1,4.0,100"); // no final newline
    Files.writeString(base.resolve("movies.csv"), "movieId,title,genres\r\n1,Toy Story (1995),Comedy\r\n");
    Path merged = dir.resolve("run/base+feedback");
    RetrainMain.writeMerged(base, merged, all, CatalogRows.read(db));
    assertThat(Files.readAllLines(merged.resolve("ratings.csv")), is(List.of("userId,movieId,rating,timestamp",
        "1,1,4.0,100", "7,1,5.0,1537800000", "7,2,3.5,1537800001", "7,3,4.0,1537800002")));
    assertThat(Files.mismatch(base.resolve("movies.csv"), merged.resolve("movies.csv")), is(-1L));

    assertThrows(NoSuchFileException.class, () -> FeedbackRatings.read(dir.resolve("none.db"), 0, null, CFG));
  }

  /** The server's schema (helidon-service RequestLogSchema): {@code seq} is the AUTOINCREMENT rowid. */
  static void createTable(Statement s) throws Exception {
    s.execute("CREATE TABLE feedback (seq INTEGER PRIMARY KEY AUTOINCREMENT, feedback_id TEXT NOT NULL UNIQUE, "
        + "timestamp TEXT, user_id INTEGER, movie_id INTEGER, event TEXT, value REAL, request_id TEXT, "
        + "idempotency_key TEXT)");
  }

  static void insert(Statement s, String... ids) throws Exception {
    for (String id : ids) {
      s.execute("INSERT INTO feedback (feedback_id, timestamp, user_id, movie_id, event) VALUES ('" + id
          + "', '2026-12-03T10:00:00Z', 1, 2, 'watch')");
    }
  }

  @Test
  void pruningKeepsTheMarkButARecreatedTableCountsEveryRowAsNew() throws Exception {
    Path db = dir.resolve("requests.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      createTable(s);
      insert(s, "a", "b", "c", "d", "e");
    }
    FeedbackRatings.Snapshot first = FeedbackRatings.read(db, 0, null, CFG);
    assertThat(first.maxRowid(), is(5L));
    assertThat(first.maxFeedbackId(), is("e"));

    // the documented pruning (rows the mark covers), then two events: 2 new, the mark stays valid
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("DELETE FROM feedback WHERE rowid <= 5");
      insert(s, "f", "g");
    }
    FeedbackRatings.Snapshot pruned = FeedbackRatings.read(db, 5, "e", CFG);
    assertThat(pruned.restarted(), is(false));
    assertThat(pruned.newEvents(), is(2));
    assertThat(pruned.maxRowid(), is(7L));

    // dropped and created anew with 3 events (rowids 1..3, below the mark 7): all 3 are new
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("DROP TABLE feedback");
      createTable(s);
      insert(s, "h", "i", "j");
    }
    FeedbackRatings.Snapshot recreated = FeedbackRatings.read(db, 7, "g", CFG);
    assertThat(recreated.restarted(), is(true));
    assertThat(recreated.newEvents(), is(3));
    assertThat(recreated.maxRowid(), is(3L));
    assertThat(recreated.maxFeedbackId(), is("j"));

    // recreated and already grown past the old mark: the row at the mark is another event
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      insert(s, "k", "l", "m", "n", "o");
    }
    FeedbackRatings.Snapshot grown = FeedbackRatings.read(db, 5, "e", CFG);
    assertThat(grown.restarted(), is(true));
    assertThat(grown.newEvents(), is(8));
    assertThat(FeedbackRatings.read(db, 8, "o", CFG).newEvents(), is(0)); // the same table: nothing new
  }

  @Test
  void aNewDatabaseFileWithoutAutoincrementCountsEveryRowAsNew() throws Exception {
    // an old schema (no seq, no sqlite_sequence) recreated with fewer rows than the mark
    Path db = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE feedback (feedback_id TEXT PRIMARY KEY, timestamp TEXT, user_id INTEGER, "
          + "movie_id INTEGER, event TEXT, value REAL, request_id TEXT)");
      insert(s, "x", "y");
    }
    FeedbackRatings.Snapshot fb = FeedbackRatings.read(db, 100, null, CFG);
    assertThat(fb.restarted(), is(true));
    assertThat(fb.newEvents(), is(2));
    assertThat(fb.maxRowid(), is(2L));
    assertThat(fb.maxFeedbackId(), is("y"));
  }

  @Test
  void aStateWrittenBeforeTheFeedbackIdWasKeptStillReads() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{\"last_feedback_rowid\": 4, \"last_run_id\": \"r1\", \"last_model_version\": \"v1\", "
        + "\"promoted\": true, \"finished_at\": \"2026-12-01T00:00:00Z\"}");
    RetrainState st = RetrainState.read(file);
    assertThat(st.lastFeedbackRowid(), is(4L));
    assertThat(st.lastFeedbackId(), is((String) null));
    new RetrainState(7, "g", "r2", "v2", false, "2026-12-02T00:00:00Z", 0).write(file);
    assertThat(RetrainState.read(file).lastFeedbackId(), is("g"));
  }
}
