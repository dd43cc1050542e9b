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
 *   <li>{@code feedback}: user feedback events. {@code feedback_id} is a TEXT key (a UUID assigned
 *       by the service when it accepts the event, so it can be returned before the asynchronous
 *       write); {@code value} is REAL, nullable.
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
          + "feedback_id TEXT PRIMARY KEY, timestamp TEXT, user_id INTEGER, movie_id INTEGER, event TEXT, "
          + "value REAL, request_id TEXT)";

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
      s.execute(CREATE_FEEDBACK);
      if (!hasColumn(c, "request_logs", "variant")) {
        s.execute("ALTER TABLE request_logs ADD COLUMN variant TEXT");
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
