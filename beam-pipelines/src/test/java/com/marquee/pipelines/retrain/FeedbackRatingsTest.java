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
    FeedbackRatings.Snapshot all = FeedbackRatings.read(db, 0, CFG);
    assertThat(all.maxRowid(), is(4L));
    assertThat(all.newEvents(), is(4));
    assertThat(all.ignored(), is(0));
    // the skip becomes the default skip_rating 0.5: below implicit.min_rating, the pair's latest rating
    assertThat(all.ratings().stream().map(FeedbackRatings.Rating::csv).toList(),
        is(List.of("7,1,5.0,1537800000", "7,2,3.5,1537800001", "7,3,4.0,1537800002", "7,4,0.5,1537800003")));

    FeedbackRatings.Snapshot later = FeedbackRatings.read(db, 4, new RetrainConfig.Feedback("x.db", 5.0, 0, 1, 0.0));
    assertThat(later.newEvents(), is(0));
    assertThat(later.maxRowid(), is(4L));
    assertThat(later.ignored(), is(2)); // clicks ignored with click_rating 0, skips with skip_rating 0
    assertThat(later.ratings().size(), is(2)); // cumulative
    all = new FeedbackRatings.Snapshot(all.maxRowid(), all.events(), all.newEvents(), all.ratings().subList(0, 3),
        all.ignored());

    Path base = Files.createDirectories(dir.resolve("base"));
    Files.writeString(base.resolve("ratings.csv"), "userId,movieId,rating,timestamp\r\n1,1,4.0,100"); // no final newline
    Files.writeString(base.resolve("movies.csv"), "movieId,title,genres\r\n1,Toy Story (1995),Comedy\r\n");
    Path merged = dir.resolve("run/base+feedback");
    RetrainMain.writeMerged(base, merged, all, CatalogRows.read(db));
    assertThat(Files.readAllLines(merged.resolve("ratings.csv")), is(List.of("userId,movieId,rating,timestamp",
        "1,1,4.0,100", "7,1,5.0,1537800000", "7,2,3.5,1537800001", "7,3,4.0,1537800002")));
    assertThat(Files.mismatch(base.resolve("movies.csv"), merged.resolve("movies.csv")), is(-1L));

    assertThrows(NoSuchFileException.class, () -> FeedbackRatings.read(dir.resolve("none.db"), 0, CFG));
  }
}
