package com.marquee.pipelines.requestlog;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * One row of the {@code request_logs} table (SPEC §6) as the monitoring pipelines see it.
 *
 * @param requestId the request id (may be null in hand-written logs)
 * @param timestamp the logged timestamp text, ISO-8601 UTC (e.g. {@code 2026-11-22T13:39:28.123Z})
 * @param epochMillis {@code timestamp} parsed, milliseconds since the Unix epoch
 * @param userId the user id, null for anonymous/non-user endpoints
 * @param endpoint e.g. {@code /recommend}; {@link #NONE} when null in the log
 * @param modelVersion model version that served the request; {@link #NONE} when null in the log
 * @param recommendations the served movie ids in served order (empty when none or null)
 * @param latencyMs server-side latency in milliseconds, null when not logged
 * @param fallback {@code is_fallback = 1}
 * @param fallbackReason the reason, null when none
 * @param status HTTP status code
 * @param variant A/B variant; {@link #NONE} when the column is absent or null
 */
@DefaultCoder(SerializableCoder.class)
public record RequestLogRecord(
    String requestId,
    String timestamp,
    long epochMillis,
    Long userId,
    String endpoint,
    String modelVersion,
    List<Integer> recommendations,
    Double latencyMs,
    boolean fallback,
    String fallbackReason,
    int status,
    String variant)
    implements Serializable {

  /** The value used for a null endpoint, model version or variant. */
  public static final String NONE = "none";

  /** {@code status >= 400}. */
  public boolean isError() {
    return status >= 400;
  }
}
