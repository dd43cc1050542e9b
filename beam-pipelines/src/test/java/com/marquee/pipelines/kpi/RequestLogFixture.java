package com.marquee.pipelines.kpi;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * A real SQLite request log for tests, with the schema of the service's RequestLogSchema (SPEC §6),
 * optionally with the A/B {@code variant} column.
 */
public final class RequestLogFixture implements AutoCloseable {
  private final Connection c;
  private final boolean variant;

  public RequestLogFixture(Path file, boolean variant) throws SQLException {
    this.c = DriverManager.getConnection("jdbc:sqlite:" + file);
    this.variant = variant;
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE request_logs (request_id TEXT, timestamp TEXT, user_id INTEGER, endpoint TEXT, "
          + "model_version TEXT, recommendations TEXT, scores TEXT, latency_ms REAL, is_fallback INTEGER, "
          + "fallback_reason TEXT, status INTEGER" + (variant ? ", variant TEXT" : "") + ")");
      s.execute("CREATE TABLE feedback (feedback_id TEXT PRIMARY KEY, timestamp TEXT, user_id INTEGER, "
          + "movie_id INTEGER, event TEXT, value REAL, request_id TEXT)");
    }
  }

  public Connection connection() {
    return c;
  }

  private int next;

  /** Inserts one request_logs row; {@code variantValue} is ignored without the column. */
  public void request(String ts, Long user, String endpoint, String version, String recs, Double latency,
      boolean fallback, String reason, int status, String variantValue) throws SQLException {
    String sql = "INSERT INTO request_logs (request_id, timestamp, user_id, endpoint, model_version, recommendations, "
        + "scores, latency_ms, is_fallback, fallback_reason, status" + (variant ? ", variant" : "")
        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?" + (variant ? ",?" : "") + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "r" + (next++));
      ps.setString(2, ts);
      if (user == null) {
        ps.setNull(3, Types.INTEGER);
      } else {
        ps.setLong(3, user);
      }
      ps.setString(4, endpoint);
      ps.setString(5, version);
      ps.setString(6, recs);
      ps.setString(7, recs == null ? null : "[]");
      if (latency == null) {
        ps.setNull(8, Types.REAL);
      } else {
        ps.setDouble(8, latency);
      }
      ps.setInt(9, fallback ? 1 : 0);
      ps.setString(10, reason);
      ps.setInt(11, status);
      if (variant) {
        ps.setString(12, variantValue);
      }
      ps.executeUpdate();
    }
  }

  /** Inserts one feedback row. */
  public void feedback(String ts, long user, long movie, String event, Double value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO feedback (feedback_id, timestamp, user_id, movie_id, event, value, request_id) VALUES (?,?,?,?,?,?,NULL)")) {
      ps.setString(1, "f" + (next++));
      ps.setString(2, ts);
      ps.setLong(3, user);
      ps.setLong(4, movie);
      ps.setString(5, event);
      if (value == null) {
        ps.setNull(6, Types.REAL);
      } else {
        ps.setDouble(6, value);
      }
      ps.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
