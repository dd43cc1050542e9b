package com.marquee.service.http;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * @param maxK largest accepted k, >= 1
 * @param maxRequestBodyBytes largest accepted request body, bytes, >= 1
 * @param maxRealtimeUsers most users in the real-time fold-in overlay, >= 0 (0 = off); {@code null}
 *     (key absent) = {@link #DEFAULT_MAX_REALTIME_USERS}
 */
public record RequestLimits(int maxK, long maxRequestBodyBytes, Integer maxRealtimeUsers) {

  /** {@code limits.max_realtime_users} when absent. */
  public static final int DEFAULT_MAX_REALTIME_USERS = 10_000;

  public RequestLimits {
    require(maxK >= 1, "limits.max_k", "must be >= 1, got " + maxK);
    require(maxRequestBodyBytes >= 1, "limits.max_request_body_bytes", "must be >= 1, got " + maxRequestBodyBytes);
    maxRealtimeUsers = maxRealtimeUsers == null ? DEFAULT_MAX_REALTIME_USERS : maxRealtimeUsers;
    require(maxRealtimeUsers >= 0, "limits.max_realtime_users", "must be >= 0, got " + maxRealtimeUsers);
  }

  /** Limits with the default real-time overlay bound. */
  public RequestLimits(int maxK, long maxRequestBodyBytes) {
    this(maxK, maxRequestBodyBytes, null);
  }
}
