package com.marquee.service.log;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * The {@code store} section of {@code configs/serving.yaml}: how request threads reach the SQLite
 * database (request log, feedback, dashboard). Every key may be absent (its default is used).
 *
 * @param jdbcThreads platform threads that run every JDBC call of a request ({@link JdbcExecutor}),
 *     >= 1; {@code null} = 2
 * @param jdbcQueue calls that may wait for a free JDBC thread, >= 1; more are refused at once with
 *     503; {@code null} = 64
 * @param jdbcTimeoutMs longest a request waits for its JDBC call, ms, >= 1 (a call still queued is
 *     cancelled, one already running may still complete); {@code null} = 10000
 * @param dashboardCacheMs how long one computed {@code /dashboard/data} body is served again, ms, >=
 *     0 (0 = computed per request); {@code null} = 2000
 * @param idempotencyWindowSeconds how long a {@code POST /feedback} {@code Idempotency-Key} is
 *     remembered, s, >= 1; {@code null} = 86400
 */
public record StoreConfig(Integer jdbcThreads, Integer jdbcQueue, Long jdbcTimeoutMs, Long dashboardCacheMs,
    Long idempotencyWindowSeconds) {

  /** All defaults. */
  public static final StoreConfig DEFAULT = new StoreConfig(null, null, null, null, null);

  /** Fills in defaults and validates. @throws IllegalArgumentException naming the key */
  public StoreConfig {
    jdbcThreads = jdbcThreads == null ? 2 : jdbcThreads;
    jdbcQueue = jdbcQueue == null ? 64 : jdbcQueue;
    jdbcTimeoutMs = jdbcTimeoutMs == null ? 10_000L : jdbcTimeoutMs;
    dashboardCacheMs = dashboardCacheMs == null ? 2_000L : dashboardCacheMs;
    idempotencyWindowSeconds = idempotencyWindowSeconds == null ? 86_400L : idempotencyWindowSeconds;
    require(jdbcThreads >= 1, "store.jdbc_threads", "must be >= 1, got " + jdbcThreads);
    require(jdbcQueue >= 1, "store.jdbc_queue", "must be >= 1, got " + jdbcQueue);
    require(jdbcTimeoutMs >= 1, "store.jdbc_timeout_ms", "must be >= 1, got " + jdbcTimeoutMs);
    require(dashboardCacheMs >= 0, "store.dashboard_cache_ms", "must be >= 0, got " + dashboardCacheMs);
    require(idempotencyWindowSeconds >= 1, "store.idempotency_window_seconds",
        "must be >= 1, got " + idempotencyWindowSeconds);
  }
}
