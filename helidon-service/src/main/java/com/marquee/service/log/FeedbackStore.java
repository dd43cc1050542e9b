package com.marquee.service.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

/**
 * Synchronous, durable writer of the {@code feedback} table (SPEC §6) in the request log database.
 *
 * <p>Unlike {@link RequestLogWriter}, every {@link #insert} is committed before it returns: the
 * service answers 202 only for an event that is on disk. The store has its own connection (WAL
 * mode, so it does not block the request-log writer or readers) with {@code synchronous=FULL}, so
 * a committed event survives a power loss, not only a process crash. Inserts are serialized on the
 * one connection; SQLite allows a single writer anyway and waits up to 5 s ({@code busy_timeout})
 * for the request-log writer's transaction.
 */
public final class FeedbackStore implements AutoCloseable {

  private static final String INSERT =
      "INSERT INTO feedback (feedback_id, timestamp, user_id, movie_id, event, value, request_id) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final Connection connection;
  private final PreparedStatement insert;

  private FeedbackStore(Connection connection) throws SQLException {
    this.connection = connection;
    this.insert = connection.prepareStatement(INSERT);
  }

  /**
   * Opens (creating it, its tables and parent directories if needed) the database.
   *
   * @throws IOException if the database cannot be created or opened (the message names the file)
   */
  public static FeedbackStore open(Path dbPath) throws IOException {
    Connection c = null;
    try {
      Path parent = dbPath.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      c = DriverManager.getConnection("jdbc:sqlite:" + dbPath);
      RequestLogSchema.apply(c);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA synchronous=FULL");
      }
      return new FeedbackStore(c);
    } catch (SQLException | IOException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // reporting the first failure
        }
      }
      throw new IOException("cannot open feedback store " + dbPath + ": " + e.getMessage(), e);
    }
  }

  /**
   * One feedback event.
   *
   * @param feedbackId unique id (a UUID)
   * @param timestamp when the event happened
   * @param userId external user id
   * @param movieId external movie id
   * @param event {@code click}, {@code watch}, {@code rating} or {@code skip}
   * @param value the rating in stars for {@code rating}, optional otherwise (null)
   * @param requestId {@code X-Request-ID} of the request that reported it
   */
  public record Event(String feedbackId, Instant timestamp, long userId, long movieId, String event, Double value,
      String requestId) {}

  /**
   * Inserts and commits {@code e} (autocommit: one transaction per event).
   *
   * @throws SQLException if the row cannot be written (e.g. the database is locked for more than 5 s)
   */
  public synchronized void insert(Event e) throws SQLException {
    insert.setString(1, e.feedbackId());
    insert.setString(2, RequestLogSchema.TIMESTAMP.format(e.timestamp()));
    insert.setLong(3, e.userId());
    insert.setLong(4, e.movieId());
    insert.setString(5, e.event());
    if (e.value() == null) {
      insert.setNull(6, Types.REAL);
    } else {
      insert.setDouble(6, e.value());
    }
    insert.setString(7, e.requestId());
    insert.executeUpdate();
  }

  /** Closes the connection. Idempotent. */
  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to flush: every insert was committed
    }
  }
}
