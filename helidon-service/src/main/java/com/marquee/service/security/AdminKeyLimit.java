package com.marquee.service.security;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * The {@code admin.failed_keys} section: how many wrong admin keys one client address may present.
 *
 * <p>Each address has a token bucket of {@code burst} failures, refilled at {@code perMinute}
 * tokens a minute; every request to {@code /admin/*} with a missing or wrong {@code X-API-Key}
 * takes one. While an address's bucket is empty, every admin request from it gets 429 with {@code
 * Retry-After}, a right key included (else the limit would still answer "right" or "wrong" at full
 * speed). Without it a key could be tried about 2,355 times a second (issue #21); with the defaults
 * an address gets 5 tries at once and then 10 a minute.
 *
 * @param perMinute failures refilled per minute per address, > 0; {@code null} = {@value #DEFAULT_PER_MINUTE}
 * @param burst failures an address may make at once, >= 1; {@code null} = {@value #DEFAULT_BURST}
 */
public record AdminKeyLimit(Double perMinute, Integer burst) {

  /** {@code per_minute} when absent. */
  public static final double DEFAULT_PER_MINUTE = 10;
  /** {@code burst} when absent. */
  public static final int DEFAULT_BURST = 5;
  /** Most addresses tracked (see {@link ClientRateLimiter}: idle ones are dropped first). */
  public static final int MAX_CLIENTS = 100_000;

  /** The defaults of configs/serving.yaml. */
  public static final AdminKeyLimit DEFAULT = new AdminKeyLimit(DEFAULT_PER_MINUTE, DEFAULT_BURST);

  public AdminKeyLimit {
    perMinute = perMinute == null ? DEFAULT_PER_MINUTE : perMinute;
    burst = burst == null ? DEFAULT_BURST : burst;
    require(perMinute > 0 && !perMinute.isInfinite(), "admin.failed_keys.per_minute", "must be > 0, got " + perMinute);
    require(burst >= 1, "admin.failed_keys.burst", "must be >= 1, got " + burst);
  }

  /** A limiter of failures per address with these settings. */
  public ClientRateLimiter limiter() {
    return new ClientRateLimiter(perMinute / 60.0, burst, MAX_CLIENTS);
  }
}
