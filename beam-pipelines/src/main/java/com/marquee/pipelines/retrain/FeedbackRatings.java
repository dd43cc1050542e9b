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
 * so a larger rowid is a later insert. The table's key is {@code AUTOINCREMENT}, so a {@code DELETE}
 * (pruning) never hands out a rowid again; but a table that was dropped and created anew, or a database
 * file that was deleted or replaced, counts from 1 again. Such a restart is detected ({@link
 * Snapshot#restarted()}) and then every row counts as new: the table's AUTOINCREMENT counter ({@code
 * sqlite_sequence}) is below the mark, or the row at the mark is another event than the one the mark was
 * taken on ({@code feedback_id}), or every row is below the mark. A table recreated, grown past the old
 * mark and pruned at exactly that row is not detected. Mapping (configs/retrain.yaml): {@code rating} -> its value,
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
   * @param maxFeedbackId {@code feedback_id} of the row at {@code maxRowid}, or the previous one when no row
   *     was read (stored with the mark to recognise that row next time); null when unknown
   * @param restarted whether the table restarted its rowids below the previous mark (then the mark was
   *     ignored: every row is new)
   */
  public record Snapshot(long maxRowid, int events, int newEvents, List<Rating> ratings, int ignored,
      String maxFeedbackId, boolean restarted) {}

  private FeedbackRatings() {}

  /**
   * Reads every feedback row (read-only connection; the server may keep writing).
   *
   * @param previousRowid high-water mark of the last successful retrain (0 = none)
   * @param previousFeedbackId {@code feedback_id} of the row at that mark, or null (a state written before
   *     it was kept)
   * @throws NoSuchFileException if the database does not exist
   * @throws IOException if the database or table cannot be read
   */
  public static Snapshot read(Path db, long previousRowid, String previousFeedbackId, RetrainConfig.Feedback cfg)
      throws IOException {
    if (!Files.isRegularFile(db)) {
      throw new NoSuchFileException(db.toString(), null, "no feedback database (start the server once, or set --feedback-db)");
    }
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(true);
    c.setBusyTimeout(10_000);
    List<Rating> out = new ArrayList<>();
    int events = 0;
    int fresh = 0;
    int ignored = 0;
    boolean restarted;
    long max;
    String maxId;
    long top = 0;
    String topId = null;
    try (Connection conn = c.createConnection("jdbc:sqlite:" + db)) {
      restarted = previousRowid > 0 && restarted(conn, previousRowid, previousFeedbackId);
      long from = restarted ? 0 : previousRowid;
      max = from;
      maxId = restarted ? null : previousFeedbackId;
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT rowid, timestamp, user_id, movie_id, event, value, feedback_id FROM feedback ORDER BY rowid");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long rowid = rs.getLong(1);
          events++;
          top = rowid;
          topId = rs.getString(7);
          if (rowid > max) {
            max = rowid;
            maxId = rs.getString(7);
          }
          if (rowid > from) {
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
    if (!restarted && previousRowid > 0 && events > 0 && top < previousRowid) {
      // every row is below the mark (an old table without AUTOINCREMENT, recreated): all of them are new
      return new Snapshot(top, events, events, out, ignored, topId, true);
    }
    return new Snapshot(max, events, fresh, out, ignored, maxId, restarted);
  }

  /**
   * True when the table's rowids restarted below {@code mark}: its AUTOINCREMENT counter is lower, or the
   * row at the mark is not the event {@code markId} the mark was taken on.
   */
  private static boolean restarted(Connection conn, long mark, String markId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT seq FROM sqlite_sequence WHERE name = 'feedback'")) {
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(1) < mark) {
          return true;
        }
      }
    } catch (SQLException e) {
      // no sqlite_sequence: no AUTOINCREMENT table in this database (an old schema); the other checks remain
    }
    if (markId != null) {
      try (PreparedStatement ps = conn.prepareStatement("SELECT feedback_id FROM feedback WHERE rowid = ?")) {
        ps.setLong(1, mark);
        try (ResultSet rs = ps.executeQuery()) {
          // a missing row was pruned (DELETE ... WHERE rowid <= mark), which keeps the mark valid
          return rs.next() && !markId.equals(rs.getString(1));
        }
      }
    }
    return false;
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
