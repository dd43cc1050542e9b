package com.marquee.service.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a connection whose client sent a request line but not the end of its headers within the
 * timeout ({@code connections.header_timeout_ms}).
 *
 * <p>Helidon 4.5.0 has no read timeout on server sockets, and its idle-connection check only
 * interrupts a connection that is waiting for a request line: a client that sent {@code GET /
 * HTTP/1.1} and one header line held its connection (and a file descriptor) for as long as it liked
 * (400 s in issue #21). This is a receive listener of the HTTP/1.1 protocol: {@link #prologue} notes
 * when the request line was read, {@link #headers} that the headers are complete; a sweeper thread
 * closes the sockets of requests still without headers after the timeout (the blocked read then
 * fails and Helidon ends the connection). Waiting for the request line itself is bounded by
 * Helidon's idle timeout ({@link ConnectionLimits#idleTimeoutMs()}).
 */
public final class HeaderTimeout implements Http1ConnectionListener, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(HeaderTimeout.class.getName());

  private final long timeoutNanos;
  private final Map<ConnectionContext, Long> waiting = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;
  private final AtomicLong closed = new AtomicLong();

  /** @param timeout longest time from the end of the request line to the end of the headers */
  public HeaderTimeout(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.sweeper = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("marquee-header-timeout").factory());
    long periodMs = Math.clamp(timeout.toMillis() / 4, 50, 1000);
    sweeper.scheduleWithFixedDelay(this::sweep, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
    waiting.put(ctx, System.nanoTime());
  }

  @Override
  public void headers(ConnectionContext ctx, Headers headers) {
    waiting.remove(ctx);
  }

  private void sweep() {
    long now = System.nanoTime();
    waiting.forEach((ctx, since) -> {
      if (now - since > timeoutNanos && waiting.remove(ctx, since)) {
        closed.incrementAndGet();
        try {
          ctx.serverSocket().close();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "closing a connection past its header timeout failed", e);
        }
      }
    });
  }

  /** Connections closed so far because their headers did not arrive in time. */
  public long closedConnections() {
    return closed.get();
  }

  /** Stops the sweeper. */
  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
