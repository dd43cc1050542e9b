package com.marquee.service.log;

import java.time.Instant;

/**
 * One row of {@code request_logs} (SPEC §6).
 *
 * @param requestId the {@code X-Request-ID} of the response
 * @param timestamp when the request arrived (stored as ISO-8601 UTC with milliseconds)
 * @param userId the request's user, or {@code null} (e.g. /similar, /popular, or not parsed)
 * @param endpoint e.g. {@code /recommend}
 * @param modelVersion version of the model that answered, or {@code null}
 * @param recommendations returned movie ids in order (stored as a JSON array)
 * @param scores their scores (stored as a JSON array)
 * @param latencyMs server-side latency in milliseconds
 * @param fallback whether the answer was a fallback
 * @param fallbackReason e.g. {@code unknown_user}, or {@code null}
 * @param status HTTP status code of the response
 * @param variant experiment variant that answered, or {@code null} (no experiment, or not /recommend)
 */
public record RequestLogRow(
    String requestId,
    Instant timestamp,
    Long userId,
    String endpoint,
    String modelVersion,
    long[] recommendations,
    double[] scores,
    double latencyMs,
    boolean fallback,
    String fallbackReason,
    int status,
    String variant) {

  /** A row without an experiment variant. */
  public RequestLogRow(String requestId, Instant timestamp, Long userId, String endpoint, String modelVersion,
      long[] recommendations, double[] scores, double latencyMs, boolean fallback, String fallbackReason, int status) {
    this(requestId, timestamp, userId, endpoint, modelVersion, recommendations, scores, latencyMs, fallback,
        fallbackReason, status, null);
  }
}
