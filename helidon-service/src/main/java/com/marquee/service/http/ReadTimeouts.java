package com.marquee.service.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a connection whose client is too slow to send a request: its headers ({@code
 * connections.header_timeout_ms}) or its body ({@code connections.body_timeout_ms}).
 *
 * <p>Helidon 4.5.0 has no read timeout on server sockets, and its idle-connection check only
 * interrupts a connection that is waiting for a request line: a client that sent {@code GET /
 * HTTP/1.1} and one header line held its connection (and a file descriptor) for as long as it liked
 * (400 s in issue #21), and so did one that sent complete headers with {@code Content-Length: 1000}
 * and then a byte now and then, or nothing. Two listeners of the HTTP/1.1 protocol see each request:
 *
 * <ul>
 *   <li>headers: {@link #receive()}'s {@code prologue} notes when the request line was read, its
 *       {@code headers} that the headers are complete;
 *   <li>body: from the end of the headers until the answer starts ({@link #send()}'s {@code status}),
 *       the {@link ConnectionView} of the connection adds up the time its reads were blocked waiting
 *       for bytes (the handler's own work is not counted; a connection is closed rather than an unread
 *       body drained after the answer, see {@link ConnectionCloseFilter}).
 * </ul>
 *
 * A sweeper thread closes the sockets of requests past either timeout (the blocked read then fails
 * and Helidon ends the connection, without an answer: the client stopped sending). Waiting for the
 * request line itself is bounded by Helidon's idle timeout ({@link ConnectionLimits#idleTimeoutMs()}).
 */
public final class ReadTimeouts implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ReadTimeouts.class.getName());

  private final long headerNanos;
  private final long bodyNanos;
  private final Map<ConnectionContext, Long> waiting = new ConcurrentHashMap<>();
  private final Set<ConnectionView> views = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sweeper;
  private final AtomicLong closedHeaders = new AtomicLong();
  private final AtomicLong closedBodies = new AtomicLong();

  private final Http1ConnectionListener receive = new Http1ConnectionListener() {
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
      waiting.put(ctx, System.nanoTime());
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
      waiting.remove(ctx);
      if (ctx instanceof ConnectionView v) {
        v.requestStarted();
      }
    }
  };

  private final Http1ConnectionListener send = new Http1ConnectionListener() {
    @Override
    public void status(ConnectionContext ctx, Status status) {
      if (ctx instanceof ConnectionView v) {
        v.answerStarted();
      }
    }
  };

  /**
   * @param headerTimeout longest time from the end of the request line to the end of the headers
   * @param bodyTimeout longest time a request may keep its reads waiting for body bytes, in total
   */
  public ReadTimeouts(Duration headerTimeout, Duration bodyTimeout) {
    this.headerNanos = headerTimeout.toNanos();
    this.bodyNanos = bodyTimeout.toNanos();
    this.sweeper = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("marquee-read-timeouts").factory());
    long periodMs = Math.clamp(Math.min(headerTimeout.toMillis(), bodyTimeout.toMillis()) / 4, 50, 1000);
    sweeper.scheduleWithFixedDelay(this::sweep, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** The receive listener to add to the HTTP/1.1 protocol configuration. */
  public Http1ConnectionListener receive() {
    return receive;
  }

  /** The send listener to add to the HTTP/1.1 protocol configuration. */
  public Http1ConnectionListener send() {
    return send;
  }

  void register(ConnectionView view) {
    views.add(view);
  }

  void unregister(ConnectionView view) {
    views.remove(view);
    waiting.remove(view);
  }

  private void sweep() {
    long now = System.nanoTime();
    waiting.forEach((ctx, since) -> {
      if (now - since > headerNanos && waiting.remove(ctx, since)) {
        closedHeaders.incrementAndGet();
        close(ctx, "header");
      }
    });
    for (ConnectionView v : views) {
      if (v.bodyReadNanos(now) > bodyNanos && views.remove(v)) {
        closedBodies.incrementAndGet();
        close(v, "body");
      }
    }
  }

  private static void close(ConnectionContext ctx, String what) {
    try {
      ctx.serverSocket().close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a connection past its " + what + " timeout failed", e);
    }
  }

  /** Connections closed so far because their headers did not arrive in time. */
  public long closedConnections() {
    return closedHeaders.get();
  }

  /** Connections closed so far because a request body did not arrive in time. */
  public long closedBodies() {
    return closedBodies.get();
  }

  /** Stops the sweeper. */
  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
