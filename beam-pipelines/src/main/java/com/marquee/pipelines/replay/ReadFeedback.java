package com.marquee.pipelines.replay;

import com.marquee.pipelines.requestlog.LogTime;
import com.marquee.pipelines.requestlog.RequestLogDb;
import com.marquee.pipelines.requestlog.SelectStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the POSITIVE rows of the {@code feedback} table with {@link JdbcIO}. Positive means {@code
 * event} is {@code watch} or {@code click}, or {@code event = 'rating'} with {@code value >= 4} (on the
 * 0.5..5 star scale); {@code skip}, lower ratings and rows without user or movie are ignored. The
 * {@code timestamp} is ISO-8601 UTC (epoch seconds are accepted too, see {@link LogTime}).
 */
public final class ReadFeedback extends PTransform<PBegin, PCollection<PositiveEvent>> {
  /** The SQL condition selecting positive feedback. */
  public static final String POSITIVE =
      "user_id IS NOT NULL AND movie_id IS NOT NULL AND (lower(event) IN ('watch', 'click') "
          + "OR (lower(event) = 'rating' AND value >= 4))";

  private final RequestLogDb db;

  private ReadFeedback(RequestLogDb db) {
    this.db = db;
  }

  public static ReadFeedback from(RequestLogDb db) {
    return new ReadFeedback(db);
  }

  @Override
  public PCollection<PositiveEvent> expand(PBegin begin) {
    return begin
        .apply(
            "ReadFeedback",
            JdbcIO.<PositiveEvent>read()
                .withDataSourceConfiguration(db.dataSource())
                .withQuery(SelectStatement.of(List.of("feedback_id", "user_id", "movie_id", "timestamp"),
                    "feedback WHERE " + POSITIVE))
                .withRowMapper(new Mapper()))
        .setCoder(SerializableCoder.of(PositiveEvent.class));
  }

  private static final class Mapper implements JdbcIO.RowMapper<PositiveEvent> {
    @Override
    public PositiveEvent mapRow(ResultSet rs) throws SQLException {
      return new PositiveEvent(
          rs.getLong("user_id"),
          rs.getInt("movie_id"),
          LogTime.parseMillis(rs.getString("timestamp"), "feedback row " + rs.getString("feedback_id")));
    }
  }
}
