package com.marquee.service.http;

import static com.marquee.common.config.ConfigChecks.require;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The {@code connections} section of {@code configs/serving.yaml}: how many connections the listener
 * holds and how long a client may take to send a request's headers and body.
 *
 * <p>Without a cap, every accepted connection holds a file descriptor; at the process limit {@code
 * accept} fails with "Too many open files" and Helidon 4.5.0 stops that listener for good (issue
 * #21). With {@code maxConnections} below the limit, further clients wait in the kernel's accept
 * backlog (up to 1024, then the kernel refuses them) until a connection closes.
 *
 * @param maxConnections most connections held at once (Helidon's {@code max-tcp-connections});
 *     0 = {@link #automaticMaxConnections(long)} of the process's file descriptor limit; else >= 1.
 *     {@code null} (key absent) = 0
 * @param headerTimeoutMs longest time, in milliseconds, from the end of a request line to the end of
 *     its headers; a client that takes longer has its connection closed ({@link ReadTimeouts}).
 *     >= 100; {@code null} = {@value #DEFAULT_HEADER_TIMEOUT_MS}
 * @param idleTimeoutMs how long, in milliseconds, a connection may wait for its next request
 *     (including a request line that is not complete) before the server closes it (Helidon's {@code
 *     idle-connection-timeout}, checked every {@code max(1 s, idleTimeoutMs / 4)}). >= 1000; {@code
 *     null} = {@value #DEFAULT_IDLE_TIMEOUT_MS}
 * @param bodyTimeoutMs longest time, in milliseconds, that the reads of one request may wait for its
 *     body bytes in total, counted from the end of its headers until its answer starts (the handler's
 *     own work is not counted); a client that sends its body more slowly, or stops, has its
 *     connection closed without an answer ({@link ReadTimeouts}). >= 100; {@code null} = {@value
 *     #DEFAULT_BODY_TIMEOUT_MS}
 */
public record ConnectionLimits(Integer maxConnections, Long headerTimeoutMs, Long idleTimeoutMs, Long bodyTimeoutMs) {

  /** {@code header_timeout_ms} when absent, ms. */
  public static final long DEFAULT_HEADER_TIMEOUT_MS = 10_000;
  /** {@code idle_timeout_ms} when absent, ms. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;
  /** {@code body_timeout_ms} when absent, ms. */
  public static final long DEFAULT_BODY_TIMEOUT_MS = 30_000;
  /** Descriptors kept for everything but connections (JVM, jars, model files, SQLite): at least this many. */
  public static final int MIN_RESERVED_FDS = 256;

  /** The defaults of configs/serving.yaml. */
  public static final ConnectionLimits DEFAULT = new ConnectionLimits(0, DEFAULT_HEADER_TIMEOUT_MS,
      DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_BODY_TIMEOUT_MS);

  public ConnectionLimits {
    maxConnections = maxConnections == null ? 0 : maxConnections;
    headerTimeoutMs = headerTimeoutMs == null ? DEFAULT_HEADER_TIMEOUT_MS : headerTimeoutMs;
    idleTimeoutMs = idleTimeoutMs == null ? DEFAULT_IDLE_TIMEOUT_MS : idleTimeoutMs;
    bodyTimeoutMs = bodyTimeoutMs == null ? DEFAULT_BODY_TIMEOUT_MS : bodyTimeoutMs;
    require(maxConnections >= 0, "connections.max_connections", "must be 0 (automatic) or >= 1, got " + maxConnections);
    require(headerTimeoutMs >= 100, "connections.header_timeout_ms", "must be >= 100, got " + headerTimeoutMs);
    require(idleTimeoutMs >= 1000, "connections.idle_timeout_ms", "must be >= 1000, got " + idleTimeoutMs);
    require(bodyTimeoutMs >= 100, "connections.body_timeout_ms", "must be >= 100, got " + bodyTimeoutMs);
  }

  /**
   * The connection cap for a process that may open {@code fdLimit} file descriptors: {@code fdLimit}
   * minus a reserve of {@code max(256, fdLimit / 8)}, at least 16 (e.g. 1024 -> 768, 20000 -> 17500,
   * 1048576 -> 917504). {@code fdLimit <= 0} (unknown) = 10000.
   */
  public static int automaticMaxConnections(long fdLimit) {
    if (fdLimit <= 0) {
      return 10_000;
    }
    long reserve = Math.max(MIN_RESERVED_FDS, fdLimit / 8);
    return (int) Math.max(16, Math.min(Integer.MAX_VALUE, fdLimit - reserve));
  }

  /** The soft limit on open file descriptors of this process, or -1 when the platform does not tell. */
  public static long fileDescriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  /** The cap in force: {@code maxConnections}, or the automatic one for {@code fdLimit} when it is 0. */
  public int effectiveMaxConnections(long fdLimit) {
    return maxConnections > 0 ? maxConnections : automaticMaxConnections(fdLimit);
  }

  /** {@code headerTimeoutMs} as a duration. */
  public Duration headerTimeout() {
    return Duration.ofMillis(headerTimeoutMs);
  }

  /** {@code bodyTimeoutMs} as a duration. */
  public Duration bodyTimeout() {
    return Duration.ofMillis(bodyTimeoutMs);
  }

  /** {@code idleTimeoutMs} as a duration. */
  public Duration idleTimeout() {
    return Duration.ofMillis(idleTimeoutMs);
  }
}
