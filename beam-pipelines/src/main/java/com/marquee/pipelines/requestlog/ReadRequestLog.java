package com.marquee.pipelines.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.movielens.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads {@code request_logs} rows with {@link JdbcIO} into {@link RequestLogRecord}s. When the
 * optional {@code variant} column is absent (logs written before A/B tests) every row gets variant
 * {@link RequestLogRecord#NONE}; so does a row whose variant is null.
 *
 * <p>Failures (as the cause of the pipeline's exception): {@link InvalidInputException} for a row
 * whose timestamp is not ISO-8601 or whose {@code recommendations} is not a JSON array of integers.
 */
public final class ReadRequestLog extends PTransform<PBegin, PCollection<RequestLogRecord>> {
  private final RequestLogDb db;
  private final boolean variantColumn;
  private final String where;

  private ReadRequestLog(RequestLogDb db, boolean variantColumn, String where) {
    this.db = db;
    this.variantColumn = variantColumn;
    this.where = where;
  }

  /**
   * @param db the database
   * @param variantColumn whether {@code request_logs} has a {@code variant} column ({@link
   *     RequestLogDb#hasVariantColumn()})
   */
  public static ReadRequestLog from(RequestLogDb db, boolean variantColumn) {
    return new ReadRequestLog(db, variantColumn, null);
  }

  /** Only rows matching the SQL condition {@code condition} (pushed down to the database). */
  public ReadRequestLog where(String condition) {
    return new ReadRequestLog(db, variantColumn, condition);
  }

  /** The SELECT statement this transform runs. */
  String query() {
    return SelectStatement.of(List.of("request_id", "timestamp", "user_id", "endpoint", "model_version",
        "recommendations", "latency_ms", "is_fallback", "fallback_reason", "status",
        variantColumn ? "variant" : "NULL AS variant"), "request_logs" + (where == null ? "" : " WHERE " + where));
  }

  @Override
  public PCollection<RequestLogRecord> expand(PBegin begin) {
    return begin.apply(
        "ReadRequestLogs",
        JdbcIO.<RequestLogRecord>read()
            .withDataSourceConfiguration(db.dataSource())
            .withQuery(query())
            .withRowMapper(new Mapper()))
        .setCoder(SerializableCoder.of(RequestLogRecord.class));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Named (not a lambda) so that JdbcIO can infer the output type. */
  private static final class Mapper implements JdbcIO.RowMapper<RequestLogRecord> {
    @Override
    public RequestLogRecord mapRow(ResultSet rs) throws SQLException {
      return map(rs);
    }
  }

  static RequestLogRecord map(ResultSet rs) throws SQLException {
    String id = rs.getString("request_id");
    String ts = rs.getString("timestamp");
    String what = "request_logs row " + id;
    long userId = rs.getLong("user_id");
    Long user = rs.wasNull() ? null : userId;
    double latency = rs.getDouble("latency_ms");
    Double latencyMs = rs.wasNull() ? null : latency;
    String variant = rs.getString("variant");
    return new RequestLogRecord(
        id,
        ts,
        LogTime.parseMillis(ts, what),
        user,
        orNone(rs.getString("endpoint")),
        orNone(rs.getString("model_version")),
        ids(rs.getString("recommendations"), what),
        latencyMs,
        rs.getInt("is_fallback") != 0,
        rs.getString("fallback_reason"),
        rs.getInt("status"),
        variant == null || variant.isEmpty() ? RequestLogRecord.NONE : variant);
  }

  private static String orNone(String s) {
    return s == null ? RequestLogRecord.NONE : s;
  }

  /** Parses a JSON array of integer movie ids; null or empty text is an empty list. */
  static List<Integer> ids(String json, String what) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isArray()) {
        throw new InvalidInputException(what + ": recommendations is not a JSON array: " + json);
      }
      List<Integer> out = new ArrayList<>(node.size());
      for (JsonNode n : node) {
        if (!n.canConvertToInt()) {
          throw new InvalidInputException(what + ": recommendations holds a non-integer: " + n);
        }
        out.add(n.intValue());
      }
      return List.copyOf(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(what + ": recommendations is not JSON: " + json, e);
    }
  }
}
