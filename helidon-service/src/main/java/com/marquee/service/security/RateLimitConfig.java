package com.marquee.service.security;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * A token bucket per client (Bucket4j): {@code burst} tokens, refilled continuously at {@code
 * requestsPerSecond}; one token per request.
 *
 * @param requestsPerSecond sustained rate per client, > 0; 0 = no rate limit
 * @param burst bucket capacity (requests a client may send at once), >= 1
 * @param maxClients most buckets kept in memory, >= 1
 */
public record RateLimitConfig(double requestsPerSecond, int burst, int maxClients) {

  /** No rate limit. */
  public static final RateLimitConfig OFF = new RateLimitConfig(0, 20, 100_000);

  public RateLimitConfig {
    require(Double.isFinite(requestsPerSecond) && requestsPerSecond >= 0, "rate_limit.requests_per_second",
        "must be >= 0 (0 = off), got " + requestsPerSecond);
    require(burst >= 1, "rate_limit.burst", "must be >= 1, got " + burst);
    require(maxClients >= 1, "rate_limit.max_clients", "must be >= 1, got " + maxClients);
  }

  /** True when requests are limited. */
  public boolean enabled() {
    return requestsPerSecond > 0;
  }
}
