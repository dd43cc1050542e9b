package com.marquee.pipelines.retrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Reads the {@code feedback} table (SPEC §6) and turns events into MovieLens ratings.
 *
 * <p>The high-water mark is SQLite's {@code rowid} of the table: rows are appended by the server,
 * so a larger rowid is a later insert. Mapping (configs/retrain.yaml): {@code rating} -> its value,
 * {@code watch} -> {@code watch_rating}, {@code click} -> {@code click_rating} (0 = ignored), {@code
 * skip} -> {@code skip_rating} (0 = ignored): a rating below {@code implicit.min_rating}, so the
 * preprocessing, which keeps the latest rating of each (user, movie) pair before it applies the
 * threshold, drops an earlier positive of the pair: the skipped movie is not a positive of the user in
 * the next model. The rating's timestamp is the event's, in epoch seconds.
 */
public final class FeedbackRatings {

  /** One derived rating, in {@code ratings.csv} columns. */
  public record Rating(long userId, long movieId, double rating, long timestamp) {
    /** The {@code userId,movieId,rating,timestamp} line (no newline). */
    public String csv() {
      return userId + "," + movieId + "," + rating + "," + timestamp;
    }
  }

  /**
   * What is in the table up to a high-water mark.
   *
   * @param maxRowid the largest rowid read (the new high-water mark), or the old one when none
   * @param events feedback rows read (rowid <= maxRowid)
   * @param newEvents of those, rows after the previous high-water mark
   * @param ratings derived ratings, in rowid order
   * @param ignored events that derive no rating (clicks or skips when ignored, unknown events)
   */
  public record Snapshot(long maxRowid, int events, int newEvents, List<Rating> ratings, int ignored) {}

  private FeedbackRatings() {}

  /**
   * Reads every feedback row (read-only connection; the server may keep writing).
   *
   * @param previousRowid high-water mark of the last successful retrain (0 = none)
   * @throws NoSuchFileException if the database does not exist
   * @throws IOException if the database or table cannot be read
   */
  public static Snapshot read(Path db, long previousRowid, RetrainConfig.Feedback cfg) throws IOException {
    if (!Files.isRegularFile(db)) {
      throw new NoSuchFileException(db.toString(), null, "no feedback database (start the server once, or set --feedback-db)");
    }
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(true);
    c.setBusyTimeout(10_000);
    List<Rating> out = new ArrayList<>();
    long max = previousRowid;
    int events = 0;
    int fresh = 0;
    int ignored = 0;
    try (Connection conn = c.createConnection("jdbc:sqlite:" + db);
        PreparedStatement ps = conn.prepareStatement(
            "SELECT rowid, timestamp, user_id, movie_id, event, value FROM feedback ORDER BY rowid")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long rowid = rs.getLong(1);
          events++;
          max = Math.max(max, rowid);
          if (rowid > previousRowid) {
            fresh++;
          }
          Double stars = stars(rs.getString(5), rs.getObject(6) == null ? null : rs.getDouble(6), cfg);
          if (stars == null) {
            ignored++;
            continue;
          }
          out.add(new Rating(rs.getLong(3), rs.getLong(4), stars, epochSeconds(rs.getString(2), rowid)));
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read feedback from " + db + ": " + e.getMessage(), e);
    }
    return new Snapshot(max, events, fresh, out, ignored);
  }

  /** Stars of one event, or null when the event derives no rating. */
  static Double stars(String event, Double value, RetrainConfig.Feedback cfg) {
    return switch (event == null ? "" : event) {
      case "rating" -> value != null && value >= 0.5 && value <= 5 ? value : null;
      case "watch" -> cfg.watchRating();
      case "click" -> cfg.clickRating() > 0 ? cfg.clickRating() : null;
      case "skip" -> cfg.skipRating() > 0 ? cfg.skipRating() : null;
      default -> null; // anything the server would not have accepted
    };
  }

  private static long epochSeconds(String iso, long rowid) throws IOException {
    try {
      return Instant.parse(iso).getEpochSecond();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IOException("feedback rowid " + rowid + ": timestamp '" + iso + "' is not ISO-8601 UTC", e);
    }
  }
}
