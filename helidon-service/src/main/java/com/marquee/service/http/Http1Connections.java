package com.marquee.service.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The listener's one connection selector: Helidon's HTTP/1.1 connection ({@link Http1ConnectionSelector}, built
 * from the given {@link Http1Config}, so routing, filters, limits and error answers are Helidon's) on a {@link
 * ConnectionView} of each accepted connection, which also serves HTTP/1.0 clients.
 *
 * <p>Helidon 4.5.0 answers a request line ending in {@code HTTP/1.0} with 505 (its {@code Http1Prologue}; before
 * routing; upstream helidon-io/helidon#9648), and no newer helidon-webserver is available here. nginx proxies with
 * HTTP/1.0 by default. Each connection first waits for its first request line (at most {@code
 * maxPrologueLength} bytes, without consuming them; the wait is ended by Helidon's idle timeout like Helidon's
 * own wait for a request line); when it ends in {@code HTTP/1.0}, Helidon reads the connection through {@link
 * Http10Request} and answers as to an HTTP/1.1 request with {@code Connection: close}: an {@code HTTP/1.1} status
 * line (RFC 9110 6.2: the server's own version), a {@code Content-Length} on every answer of this service (all
 * are sent whole), and the connection closed after it. Any other first line, or one that cannot be read, goes to
 * Helidon as it came. Only the first request of a connection is looked at: a 1.0 connection has only one.
 *
 * <p>Installed with {@code ListenerConfig.Builder#addConnectionSelector} and no protocols, so it is the only
 * candidate and Helidon hands it every connection without reading a byte first.
 */
public final class Http1Connections implements ServerConnectionSelector {

  /**
   * Listener to add to the HTTP/1.1 configuration as a receive and as a send listener: tells each
   * connection's view which answer is the one to a {@code HEAD} request, whose body it drops ({@link
   * HeadRequests}).
   */
  public static final Http1ConnectionListener ANSWERS = ConnectionView.ANSWERS;

  private static final String HTTP_1_0 = " HTTP/1.0";

  /**
   * One listener calling each of {@code listeners} in order ({@code prologue}, {@code headers}, {@code status}).
   * Give Helidon 4.5.0 one listener of each kind only: its own combination of several
   * ({@code Http1ConnectionListenerUtil.ListFrameListener}, used when {@code Http1Config} has more than one
   * receive or send listener) overrides none of the listener methods, so none of them is ever called.
   */
  public static Http1ConnectionListener all(Http1ConnectionListener... listeners) {
    List<Http1ConnectionListener> list = List.of(listeners);
    return new Http1ConnectionListener() {
      @Override
      public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        list.forEach(l -> l.prologue(ctx, prologue));
      }

      @Override
      public void headers(ConnectionContext ctx, Headers headers) {
        list.forEach(l -> l.headers(ctx, headers));
      }

      @Override
      public void status(ConnectionContext ctx, Status status) {
        list.forEach(l -> l.status(ctx, status));
      }
    };
  }

  private final Http1ConnectionSelector http1;
  private final int maxPrologueLength;
  private final ReadTimeouts timeouts;

  /**
   * @param config the HTTP/1.1 protocol configuration (limits, listeners)
   * @param timeouts watches each connection's body reads
   */
  public Http1Connections(Http1Config config, ReadTimeouts timeouts) {
    this.http1 = Http1ConnectionSelector.builder().config(config).build();
    this.maxPrologueLength = config.maxPrologueLength();
    this.timeouts = timeouts;
  }

  @Override
  public int bytesToIdentifyConnection() {
    return 0;
  }

  @Override
  public Support supports(io.helidon.common.buffers.BufferData data) {
    return Support.SUPPORTED;
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return http1.supportedApplicationProtocols();
  }

  @Override
  public ServerConnection connection(ConnectionContext ctx) {
    return new Sniffing(ctx);
  }

  /**
   * Length of the first request line when it ends in {@code HTTP/1.0}, else -1. Reads (blocking) until a CRLF
   * or {@code max} bytes are buffered; consumes nothing.
   */
  static int http10LineLength(DataReader reader, int max) {
    int end = reader.findNewLine(max);
    if (end >= max || end < HTTP_1_0.length()) {
      return -1;
    }
    String tail = reader.getBuffer(end).readString(end, StandardCharsets.US_ASCII);
    return tail.endsWith(HTTP_1_0) ? end : -1;
  }

  /** Waits for the first request line, then runs Helidon's HTTP/1.1 connection on the view. */
  private final class Sniffing implements ServerConnection, InterruptableTask<Void> {
    private final ConnectionContext ctx;
    private final long createdNanos = System.nanoTime();
    private volatile Thread thread;
    private volatile ServerConnection http;
    private volatile boolean closed;

    Sniffing(ConnectionContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
      thread = Thread.currentThread();
      int http10Line;
      try {
        http10Line = http10LineLength(ctx.dataReader(), maxPrologueLength);
      } catch (RuntimeException e) {
        // EOF, a broken line end, an interrupt: Helidon's connection meets the same and answers or closes
        http10Line = -1;
      }
      if (closed) {
        return;
      }
      ConnectionView view = new ConnectionView(ctx, http10Line >= 0, http10Line);
      ServerConnection c = http1.connection(view);
      http = c;
      timeouts.register(view);
      try {
        if (closed) {
          c.close(true);
          return;
        }
        c.handle(limit);
      } finally {
        timeouts.unregister(view);
      }
    }

    @Override
    public Duration idleTime() {
      ServerConnection c = http;
      return c != null ? c.idleTime() : Duration.ofNanos(System.nanoTime() - createdNanos);
    }

    @Override
    public void close(boolean interrupt) {
      closed = true;
      ServerConnection c = http;
      if (c != null) {
        c.close(interrupt);
      } else {
        Thread t = thread;
        if (t != null) {
          t.interrupt(); // blocked waiting for the first line: the socket read ends
        }
      }
    }

    @Override
    public boolean canInterrupt() {
      ServerConnection c = http;
      return c == null || c instanceof InterruptableTask<?> task && task.canInterrupt();
    }
  }
}
