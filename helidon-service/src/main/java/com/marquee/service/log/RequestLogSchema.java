package com.marquee.service.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The SQLite schema of the request log database (SPEC §6), created if missing.
 *
 * <ul>
 *   <li>{@code request_logs}: one row per /recommend, /similar and /popular request, errors
 *       included. {@code timestamp} is ISO-8601 UTC with milliseconds ({@code
 *       2026-11-22T13:39:28.123Z}, sorts as text); {@code recommendations}/{@code scores} are JSON
 *       arrays; {@code is_fallback} is 0/1; {@code variant} is the A/B experiment variant or NULL
 *       (added by {@code ALTER TABLE} to databases created before it existed).
 *   <li>{@code feedback}: user feedback events. {@code seq} is an {@code INTEGER PRIMARY KEY
 *       AUTOINCREMENT} (so the table's {@code rowid}): SQLite never hands out a value again, even
 *       after {@code DELETE FROM feedback}, so the retrain job's high-water mark on {@code rowid}
 *       stays valid when the table is pruned. {@code feedback_id} is a unique TEXT key (a UUID
 *       assigned by the service); {@code value} is REAL, nullable; {@code idempotency_key} (unique
 *       when not NULL) and {@code accepted_at} (when the server stored the row, same text as {@code
 *       timestamp}) serve the {@code Idempotency-Key} header of {@code POST /feedback}. A table
 *       created before {@code seq} existed is rebuilt once, keeping every row's rowid as its {@code seq}.
 *   <li>{@code catalog_changes}: the changes of {@code PUT} and {@code DELETE /admin/items/{movie_id}}.
 *       {@code change_id} is an {@code INTEGER PRIMARY KEY AUTOINCREMENT} (commit order, never reused);
 *       {@code action} is {@code put} or {@code delete}; {@code payload} is the JSON of the PUT's content
 *       ({@code {"title", "year", "genres", "tags"}}, NULL for a delete); {@code timestamp} as above.
 *       Read in {@code change_id} order at start-up and by {@code scripts/retrain.sh}.
 * </ul>
 */
public final class RequestLogSchema {

  /**
   * Text of the {@code timestamp} columns of both tables: ISO-8601 UTC with milliseconds ({@code
   * 2026-11-22T13:39:28.123Z}), which sorts as text. Readers (the dashboard) compare against it.
   */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final String CREATE_REQUEST_LOGS =
      "CREATE TABLE IF NOT EXISTS request_logs ("
          + "request_id TEXT, timestamp TEXT, user_id INTEGER, endpoint TEXT, model_version TEXT, "
          + "recommendations TEXT, scores TEXT, latency_ms REAL, is_fallback INTEGER, fallback_reason TEXT, "
          + "status INTEGER, variant TEXT)";
  static final String INDEX_REQUEST_LOGS =
      "CREATE INDEX IF NOT EXISTS request_logs_timestamp ON request_logs(timestamp)";
  static final String CREATE_FEEDBACK =
      "CREATE TABLE IF NOT EXISTS feedback ("
          + "seq INTEGER PRIMARY KEY AUTOINCREMENT, feedback_id TEXT NOT NULL UNIQUE, timestamp TEXT, "
          + "user_id INTEGER, movie_id INTEGER, event TEXT, value REAL, request_id TEXT, idempotency_key TEXT, "
          + "accepted_at TEXT)";
  static final String INDEX_FEEDBACK_IDEMPOTENCY =
      "CREATE UNIQUE INDEX IF NOT EXISTS feedback_idempotency_key ON feedback(idempotency_key)";

  static final String CREATE_CATALOG_CHANGES =
      "CREATE TABLE IF NOT EXISTS catalog_changes ("
          + "change_id INTEGER PRIMARY KEY AUTOINCREMENT, movie_id INTEGER NOT NULL, "
          + "action TEXT NOT NULL CHECK (action IN ('put', 'delete')), payload TEXT, timestamp TEXT NOT NULL)";

  static final String INSERT_REQUEST_LOG =
      "INSERT INTO request_logs (request_id, timestamp, user_id, endpoint, model_version, recommendations, "
          + "scores, latency_ms, is_fallback, fallback_reason, status, variant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private RequestLogSchema() {}

  /**
   * Sets WAL mode and {@code synchronous=NORMAL}, creates the tables if missing, and adds the
   * {@code variant} column to a {@code request_logs} table created without it.
   */
  public static void apply(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=5000");
      s.execute(CREATE_REQUEST_LOGS);
      s.execute(INDEX_REQUEST_LOGS);
      if (!hasColumn(c, "request_logs", "variant")) {
        s.execute("ALTER TABLE request_logs ADD COLUMN variant TEXT");
      }
      migrateFeedback(c);
      s.execute(CREATE_CATALOG_CHANGES);
    }
  }

  /**
   * Creates {@code feedback}, or rebuilds one created without {@code seq} (before AUTOINCREMENT), in
   * one {@code BEGIN IMMEDIATE} transaction (the request-log writer and the feedback store apply the
   * schema on two connections): every old row keeps its rowid as {@code seq}, so a retrain
   * high-water mark taken before the migration still points at the same rows.
   */
  private static void migrateFeedback(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        if (hasTable(c, "feedback") && !hasColumn(c, "feedback", "seq")) {
          s.execute("ALTER TABLE feedback RENAME TO feedback_before_seq");
          s.execute(CREATE_FEEDBACK);
          s.execute("INSERT INTO feedback (seq, feedback_id, timestamp, user_id, movie_id, event, value, request_id) "
              + "SELECT rowid, feedback_id, timestamp, user_id, movie_id, event, value, request_id "
              + "FROM feedback_before_seq ORDER BY rowid");
          s.execute("DROP TABLE feedback_before_seq");
        } else {
          s.execute(CREATE_FEEDBACK);
        }
        s.execute(INDEX_FEEDBACK_IDEMPOTENCY);
        s.execute("COMMIT");
      } catch (SQLException e) {
        try {
          s.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // reporting the first failure
        }
        throw e;
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static boolean hasTable(Connection c, String table) throws SQLException {
    try (java.sql.PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether {@code table} has a column named {@code column}. */
  static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        if (column.equalsIgnoreCase(rs.getString("name"))) {
          return true;
        }
      }
      return false;
    }
  }
}
