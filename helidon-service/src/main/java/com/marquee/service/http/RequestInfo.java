package com.marquee.service.http;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;

/**
 * Per-request state shared between {@link RequestFilter} and the handlers, kept in the request
 * context. The filter creates it; handlers record what the request log needs (user, model version,
 * results); the filter finishes it with the status and latency. Used by one request thread only.
 */
public final class RequestInfo {

  private final String requestId;
  private final Instant startedAt;
  private final long startNanos;
  private Long userId;
  private String modelVersion;
  private long[] movieIds = new long[0];
  private double[] scores = new double[0];
  private boolean fallback;
  private String fallbackReason;
  private String variant;

  RequestInfo(String requestId, Instant startedAt, long startNanos) {
    this.requestId = requestId;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
  }

  /** The request's info; every request passing {@link RequestFilter} has one. */
  public static RequestInfo of(ServerRequest req) {
    return req.context().get(RequestInfo.class)
        .orElseThrow(() -> new IllegalStateException("RequestFilter is not installed"));
  }

  /** Records the user the request is about. */
  public RequestInfo userId(long id) {
    this.userId = id;
    return this;
  }

  /** Records the model version that answered. */
  public RequestInfo modelVersion(String version) {
    this.modelVersion = version;
    return this;
  }

  /**
   * Records the returned items.
   *
   * @param movieIds {@code long[n]} in response order
   * @param scores {@code double[n]} their scores
   */
  public RequestInfo results(long[] movieIds, double[] scores) {
    this.movieIds = movieIds;
    this.scores = scores;
    return this;
  }

  /** Records that the answer was a fallback and why. */
  public RequestInfo fallback(String reason) {
    this.fallback = true;
    this.fallbackReason = reason;
    return this;
  }

  /** Records the experiment variant that answered. */
  public RequestInfo variant(String name) {
    this.variant = name;
    return this;
  }

  /** The experiment variant that answered, or {@code null} when no experiment runs. */
  public String variant() {
    return variant;
  }

  public String requestId() {
    return requestId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public long startNanos() {
    return startNanos;
  }

  public Long userId() {
    return userId;
  }

  public String modelVersion() {
    return modelVersion;
  }

  public long[] movieIds() {
    return movieIds;
  }

  public double[] scores() {
    return scores;
  }

  public boolean isFallback() {
    return fallback;
  }

  public String fallbackReason() {
    return fallbackReason;
  }
}
