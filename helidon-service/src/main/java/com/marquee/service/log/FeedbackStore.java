package com.marquee.service.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Synchronous, durable writer of the {@code feedback} table (SPEC §6) and of the {@code catalog_changes}
 * table ({@link #insertCatalogChange}, read back by {@link #catalogChanges}) in the request log database.
 *
 * <p>Unlike {@link RequestLogWriter}, every {@link #insert} is committed before it returns: the
 * service answers 202 only for an event that is on disk. The store has its own connection (WAL
 * mode, so it does not block the request-log writer or readers) with {@code synchronous=FULL}, so
 * a committed event survives a power loss, not only a process crash. Inserts are serialized on the
 * one connection; SQLite allows a single writer anyway and waits up to 5 s ({@code busy_timeout})
 * for the request-log writer's transaction.
 *
 * <p>Recovery: after an error other than a busy or locked database (e.g. {@code SQLITE_FULL} or
 * {@code SQLITE_IOERR}) the connection is closed and the next insert opens a new one, so the store
 * works again as soon as the disk does. The file is watched: the inode and link count seen at open
 * are compared before and after every insert, and a database file that was deleted or replaced
 * while open (the connection would go on writing into an unlinked inode, lost at the next restart)
 * fails the insert with {@link FileReplacedException}; the next insert opens the file now at the path
 * (a fresh one when it is missing).
 */
public final class FeedbackStore implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FeedbackStore.class.getName());

  private static final String INSERT =
      "INSERT INTO feedback (feedback_id, timestamp, user_id, movie_id, event, value, request_id, idempotency_key, "
          + "accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String BY_KEY =
      "SELECT feedback_id, timestamp, user_id, movie_id, event, value, request_id, accepted_at "
          + "FROM feedback WHERE idempotency_key = ?";
  private static final String INSERT_CATALOG =
      "INSERT INTO catalog_changes (movie_id, action, payload, timestamp) VALUES (?, ?, ?, ?)";
  private static final String FORGET_KEY = "UPDATE feedback SET idempotency_key = NULL WHERE idempotency_key = ?";

  /** The database file was deleted or replaced while the store had it open; nothing was stored there. */
  public static final class FileReplacedException extends SQLException {
    private static final long serialVersionUID = 1L;

    FileReplacedException(String message) {
      super(message);
    }
  }

  private final Path dbPath;
  private final Duration idempotencyWindow;
  private Connection connection; // null after a failure: reopened by the next insert
  private PreparedStatement insert;
  private Object fileKey; // unix:ino of the file opened
  private Object walKey; // unix:ino of its -wal file, null when there was none
  private boolean closed;

  private FeedbackStore(Path dbPath, Duration idempotencyWindow) {
    this.dbPath = dbPath;
    this.idempotencyWindow = idempotencyWindow;
  }

  /**
   * Opens (creating it, its tables and parent directories if needed) the database, with an
   * idempotency window of 24 h.
   *
   * @throws IOException if the database cannot be created or opened (the message names the file)
   */
  public static FeedbackStore open(Path dbPath) throws IOException {
    return open(dbPath, Duration.ofDays(1));
  }

  /**
   * Opens (creating it, its tables and parent directories if needed) the database.
   *
   * @param idempotencyWindow how long an {@code Idempotency-Key} of {@link #insert} is remembered
   * @throws IOException if the database cannot be created or opened (the message names the file)
   */
  public static FeedbackStore open(Path dbPath, Duration idempotencyWindow) throws IOException {
    FeedbackStore s = new FeedbackStore(dbPath, idempotencyWindow);
    try {
      s.connect();
    } catch (SQLException | IOException e) {
      throw new IOException("cannot open feedback store " + dbPath + ": " + e.getMessage(), e);
    }
    return s;
  }

  private void connect() throws SQLException, IOException {
    Path parent = dbPath.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbPath);
    try {
      RequestLogSchema.apply(c);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA synchronous=FULL");
      }
      insert = c.prepareStatement(INSERT);
      fileKey = fileKey();
      walKey = walKey();
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    connection = c;
  }

  private Object fileKey() throws IOException {
    return Files.getAttribute(dbPath, "unix:ino");
  }

  private Object walKey() throws IOException {
    Path wal = dbPath.resolveSibling(dbPath.getFileName() + "-wal");
    try {
      return Files.getAttribute(wal, "unix:ino");
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Throws when the file at the path is not the one the connection writes (deleted, or replaced). */
  private void requireSameFile() throws SQLException {
    String problem = null;
    try {
      if (!fileKey.equals(fileKey())) {
        problem = "was replaced by another file";
      } else if (walKey != null && !walKey.equals(walKey())) {
        problem = "lost its -wal file (deleted or replaced)";
      } else if (((Number) Files.getAttribute(dbPath, "unix:nlink")).intValue() < 1) {
        problem = "was deleted";
      }
    } catch (NoSuchFileException e) {
      problem = "was deleted";
    } catch (IOException e) {
      problem = "cannot be inspected (" + e.getMessage() + ")";
    }
    if (problem != null) {
      disconnect();
      LOG.log(System.Logger.Level.ERROR, "feedback database " + dbPath + " " + problem
          + " while open; the next event opens the file at that path (a new, empty one if it is missing)");
      throw new FileReplacedException("feedback database " + dbPath + " " + problem + " while open");
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
   * The outcome of {@link #insert}.
   *
   * @param event the stored event: {@code e} itself, or for a replayed idempotency key the event
   *     stored by the first request with that key
   * @param replayed true when nothing was stored because the key was seen within the window
   */
  public record Stored(Event event, boolean replayed) {}

  /** {@link #insert(Event, String)} without an idempotency key. */
  public void insert(Event e) throws SQLException {
    insert(e, null);
  }

  /**
   * Inserts and commits {@code e} (autocommit: one transaction per event), unless {@code
   * idempotencyKey} was stored within the idempotency window: then nothing is written and the first
   * event with that key is returned. A key older than the window is forgotten and the event stored.
   *
   * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
   * @throws FileReplacedException if the database file was deleted or replaced (nothing stored in
   *     the file at the path; the next call reopens it)
   * @throws SQLException if the row cannot be written (e.g. the database is locked for more than 5 s,
   *     or the disk is full; after the latter the next call reopens the connection)
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized Stored insert(Event e, String idempotencyKey) throws SQLException {
    return guarded(c -> {
      Instant now = Instant.now();
      if (idempotencyKey != null) {
        Optional<Stored> replay = replay(idempotencyKey, now);
        if (replay.isPresent()) {
          return replay.get();
        }
      }
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
      insert.setString(8, idempotencyKey);
      insert.setString(9, RequestLogSchema.TIMESTAMP.format(now));
      insert.executeUpdate();
      return new Stored(e, false);
    });
  }

  /**
   * One row of {@code catalog_changes} ({@link RequestLogSchema}).
   *
   * @param changeId the AUTOINCREMENT id (commit order)
   * @param movieId the movie changed
   * @param action {@code put} or {@code delete}
   * @param payload the JSON content of a put, {@code null} for a delete
   * @param timestamp when it was stored
   */
  public record CatalogRow(long changeId, long movieId, String action, String payload, Instant timestamp) {}

  /**
   * Inserts and commits one catalog change (autocommit, {@code synchronous=FULL}: on disk when this
   * returns), with the failure handling of {@link #insert(Event, String)}.
   *
   * @param action {@code put} or {@code delete}
   * @param payload JSON text of a put's content, {@code null} for a delete
   * @return the stored row, with its {@code change_id} and timestamp
   * @throws FileReplacedException if the database file was deleted or replaced (nothing stored)
   * @throws SQLException if the row cannot be written
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized CatalogRow insertCatalogChange(long movieId, String action, String payload) throws SQLException {
    return guarded(c -> {
      Instant now = Instant.now();
      try (PreparedStatement ps = c.prepareStatement(INSERT_CATALOG, Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, movieId);
        ps.setString(2, action);
        ps.setString(3, payload);
        ps.setString(4, RequestLogSchema.TIMESTAMP.format(now));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          if (!keys.next()) {
            throw new SQLException("catalog_changes insert returned no change_id");
          }
          return new CatalogRow(keys.getLong(1), movieId, action, payload, Instant.parse(
              RequestLogSchema.TIMESTAMP.format(now)));
        }
      }
    });
  }

  /**
   * Every row of {@code catalog_changes} in {@code change_id} order (read at start-up; a few hundred
   * bytes per change).
   *
   * @throws SQLException if the table cannot be read
   */
  public synchronized java.util.List<CatalogRow> catalogChanges() throws SQLException {
    return guarded(c -> {
      java.util.List<CatalogRow> out = new java.util.ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT change_id, movie_id, action, payload, timestamp FROM catalog_changes ORDER BY change_id")) {
        while (rs.next()) {
          out.add(new CatalogRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              parse(rs.getString(5))));
        }
      }
      return out;
    });
  }

  /** Work on the open connection. */
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on the connection (opened again after an earlier failure), with the file
   * checked before and after it (a file deleted between the check and the commit holds the row in
   * the unlinked inode) and the connection dropped after an error that is not transient.
   */
  private <T> T guarded(SqlWork<T> work) throws SQLException {
    if (closed) {
      throw new IllegalStateException("feedback store is closed");
    }
    try {
      if (connection == null) {
        connect();
        LOG.log(System.Logger.Level.INFO, "feedback store: reopened " + dbPath);
      }
      requireSameFile();
      T out = work.run(connection);
      requireSameFile();
      return out;
    } catch (FileReplacedException ex) {
      throw ex;
    } catch (SQLException ex) {
      if (!transient_(ex)) {
        LOG.log(System.Logger.Level.WARNING, "feedback store: " + ex.getMessage() + "; reopening at the next event");
        disconnect();
      }
      throw ex;
    } catch (IOException ex) {
      disconnect();
      throw new SQLException("cannot open feedback store " + dbPath + ": " + ex.getMessage(), ex);
    }
  }

  private Optional<Stored> replay(String key, Instant now) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(BY_KEY)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Instant acceptedAt = parse(rs.getString(8));
        if (acceptedAt != null && acceptedAt.plus(idempotencyWindow).isAfter(now)) {
          double v = rs.getDouble(6);
          Double value = rs.wasNull() ? null : v;
          return Optional.of(new Stored(new Event(rs.getString(1), parse(rs.getString(2)), rs.getLong(3),
              rs.getLong(4), rs.getString(5), value, rs.getString(7)), true));
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(FORGET_KEY)) {
      ps.setString(1, key);
      ps.executeUpdate();
    }
    return Optional.empty();
  }

  private static Instant parse(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A busy or locked database: the connection is fine, the next insert may succeed on it. */
  private static boolean transient_(SQLException e) {
    if (e instanceof SQLiteException s) {
      SQLiteErrorCode c = s.getResultCode();
      return c == SQLiteErrorCode.SQLITE_BUSY || c == SQLiteErrorCode.SQLITE_LOCKED
          || c.code == SQLiteErrorCode.SQLITE_CONSTRAINT.code || (c.code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code
          || (c.code & 0xff) == SQLiteErrorCode.SQLITE_LOCKED.code
          || (c.code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }
    return false;
  }

  private void disconnect() {
    closeQuietly(connection);
    connection = null;
    insert = null;
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to flush: every insert was committed
      }
    }
  }

  /** Closes the connection. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    disconnect();
  }
}
