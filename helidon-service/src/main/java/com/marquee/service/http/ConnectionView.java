package com.marquee.service.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The {@link ConnectionContext} Helidon's own HTTP/1.1 connection runs on ({@link Http1Connections}): the
 * listener's context with a reader and a writer in between, and nothing else changed.
 *
 * <ul>
 *   <li>The reader reads the socket itself (as Helidon's does) and notes how long it was blocked while a request
 *       was being answered, which is the time spent waiting for request body bytes ({@link ReadTimeouts} closes
 *       the connection when it passes {@code connections.body_timeout_ms}). On an HTTP/1.0 connection it
 *       passes the request through {@link Http10Request}: Helidon then parses an HTTP/1.1 request that asks for
 *       {@code Connection: close}.
 *   <li>The writer drops the body of the answer to a {@code HEAD} request ({@link HeadAnswer}): the status line
 *       and headers, {@code Content-Length} included, are the ones of the {@code GET} answer that
 *       {@link HeadRequests} routed to.
 * </ul>
 */
final class ConnectionView implements ConnectionContext {

  /**
   * Listener to add as both a receive and a send listener of the HTTP/1.1 protocol: tells each view when a
   * request was read ({@code prologue}: its method) and when an answer starts ({@code status}), so that the
   * body of the answer to a {@code HEAD} request, and only that one, is dropped ({@link HeadAnswer}).
   */
  static final Http1ConnectionListener ANSWERS = new Http1ConnectionListener() {
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
      if (ctx instanceof ConnectionView v) {
        v.writer.requested(prologue.method() == Method.HEAD);
      }
    }

    @Override
    public void status(ConnectionContext ctx, io.helidon.http.Status status) {
      if (ctx instanceof ConnectionView v) {
        v.writer.answerStarts();
      }
    }
  };

  private final ConnectionContext listener;
  private final DataReader reader;
  private final HeadAnswer writer;
  private final Source source;

  /**
   * @param listener the context Helidon created for the accepted connection
   * @param http10 whether its first request line ends in {@code HTTP/1.0} (then {@code firstLineLength} is its
   *     length in bytes, without CRLF)
   */
  ConnectionView(ConnectionContext listener, boolean http10, int firstLineLength) {
    this.listener = listener;
    DataReader original = listener.dataReader();
    byte[] buffered = original.available() > 0 ? original.readBytes(original.available()) : null;
    Http10Request rewrite = http10 ? new Http10Request(firstLineLength, hostOf(listener.localPeer())) : null;
    this.source = new Source(listener.serverSocket(), buffered, rewrite);
    this.reader = DataReader.create(source);
    this.writer = new HeadAnswer(listener.dataWriter());
  }

  private static String hostOf(PeerInfo local) {
    String host = local.host();
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + local.port();
  }

  /** Starts counting the time blocked in reads as body-read time (the request's headers were read). */
  void requestStarted() {
    source.bodyNanos = 0;
    source.inRequest = true;
  }

  /** Stops counting (the answer is being sent: later reads wait for the next request). */
  void answerStarted() {
    source.inRequest = false;
  }

  /**
   * Time, in nanoseconds, this request has spent blocked reading its body (including a read blocked now);
   * 0 when no request is being read.
   */
  long bodyReadNanos(long now) {
    if (!source.inRequest) {
      return 0;
    }
    long since = source.blockedSince;
    return source.bodyNanos + (since != 0 ? now - since : 0);
  }

  @Override
  public DataReader dataReader() {
    return reader;
  }

  @Override
  public DataWriter dataWriter() {
    return writer;
  }

  @Override
  public ListenerContext listenerContext() {
    return listener.listenerContext();
  }

  @Override
  public ExecutorService executor() {
    return listener.executor();
  }

  @Override
  public Router router() {
    return listener.router();
  }

  @Override
  public Optional<ProxyProtocolData> proxyProtocolData() {
    return listener.proxyProtocolData();
  }

  @Override
  public HelidonSocket serverSocket() {
    return listener.serverSocket();
  }

  @Override
  public PeerInfo remotePeer() {
    return listener.remotePeer();
  }

  @Override
  public PeerInfo localPeer() {
    return listener.localPeer();
  }

  @Override
  public boolean isSecure() {
    return listener.isSecure();
  }

  @Override
  public String socketId() {
    return listener.socketId();
  }

  @Override
  public String childSocketId() {
    return listener.childSocketId();
  }

  /** The bytes of the socket, first those Helidon's reader had already buffered, timed while blocked. */
  private static final class Source implements Supplier<byte[]> {
    private final HelidonSocket socket;
    private final Http10Request rewrite;
    private byte[] buffered;
    volatile boolean inRequest;
    volatile long blockedSince;
    volatile long bodyNanos;

    Source(HelidonSocket socket, byte[] buffered, Http10Request rewrite) {
      this.socket = socket;
      this.buffered = buffered;
      this.rewrite = rewrite;
    }

    @Override
    public byte[] get() {
      byte[] bytes = buffered;
      if (bytes != null) {
        buffered = null;
      } else {
        long start = System.nanoTime();
        blockedSince = start;
        try {
          bytes = socket.get();
        } catch (UncheckedIOException e) {
          // as Helidon's own reader: a socket failure ends the connection quietly
          throw new ServerConnectionException("Failed to get data from socket", e);
        } finally {
          blockedSince = 0;
          if (inRequest) {
            bodyNanos += System.nanoTime() - start;
          }
        }
      }
      return bytes == null || rewrite == null ? bytes : rewrite.apply(bytes);
    }
  }

  /**
   * The connection's writer, dropping the body of the answer to a HEAD request: everything after the end of
   * its header section (CRLF CRLF) until the next request. The answer Helidon writes for a request is the
   * one started ({@code status} event) after that request was read ({@code prologue} event): an interim
   * {@code 100 Continue} (written before that) and an error answer to a request line that could not be
   * read (no {@code prologue}) keep their bytes.
   */
  static final class HeadAnswer implements DataWriter {
    private final DataWriter out;
    private boolean headRequested;
    private boolean head;
    private boolean inBody;
    private int matched;

    HeadAnswer(DataWriter out) {
      this.out = out;
    }

    /** A request was read; {@code head}: its answer must have no body. */
    void requested(boolean head) {
      this.headRequested = head;
      this.head = false;
    }

    /** The answer to the request read last starts. */
    void answerStarts() {
      this.head = headRequested;
      this.headRequested = false;
      this.inBody = false;
      this.matched = 0;
    }

    /** {@code buffer} without what belongs to the body of a HEAD answer, or null when nothing is left. */
    BufferData strip(BufferData buffer) {
      if (!head) {
        return buffer;
      }
      if (inBody) {
        return null;
      }
      byte[] bytes = buffer.readBytes();
      for (int i = 0; i < bytes.length; i++) {
        matched = next(matched, bytes[i]);
        if (matched == 4) {
          inBody = true;
          return BufferData.create(bytes, 0, i + 1);
        }
      }
      return BufferData.create(bytes);
    }

    /** States of the search for CRLF CRLF: 0 none, 1 CR, 2 CRLF, 3 CRLF CR, 4 found. */
    private static int next(int state, byte b) {
      return switch (state) {
        case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
        case 2 -> b == '\r' ? 3 : 0;
        case 3 -> b == '\n' ? 4 : b == '\r' ? 1 : 0;
        default -> b == '\r' ? 1 : 0;
      };
    }

    @Override
    public void write(BufferData... buffers) {
      for (BufferData b : buffers) {
        write(b);
      }
    }

    @Override
    public void write(BufferData buffer) {
      BufferData b = strip(buffer);
      if (b != null && b.available() > 0) {
        out.write(b);
      }
    }

    @Override
    public void writeNow(BufferData... buffers) {
      for (BufferData b : buffers) {
        writeNow(b);
      }
    }

    @Override
    public void writeNow(BufferData buffer) {
      BufferData b = strip(buffer);
      if (b != null && b.available() > 0) {
        out.writeNow(b);
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.close();
    }
  }
}
