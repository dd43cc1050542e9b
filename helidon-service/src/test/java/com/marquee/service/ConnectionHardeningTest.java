package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection-level attacks over raw sockets (issue #21): a request smuggled in the unread body of a
 * 413, and a client's {@code Connection: close} that must end the connection.
 */
class ConnectionHardeningTest {

  @TempDir static Path tmp;
  static MarqueeServer server;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    server = MarqueeServer.start(Servers.config(tmp.resolve("model"), tmp.resolve("requests.db"), List.of(), 1024));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What the server sent on one connection, and whether it closed it within the read timeout. */
  record Exchange(String text, boolean closedByServer) {
    int responses() {
      Matcher m = Pattern.compile("HTTP/1\\.[01] \\d{3} ").matcher(text);
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }
  }

  /** Sends {@code request} (ISO-8859-1) without half-closing, then reads until EOF or {@code timeoutMs}. */
  static Exchange exchange(String request, int timeoutMs) throws Exception {
    return exchange(server.port(), request, timeoutMs);
  }

  /** {@link #exchange(String, int)} with the server on {@code port}. */
  static Exchange exchange(int port, String request, int timeoutMs) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(timeoutMs);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      boolean closed = false;
      try {
        for (int n; ; ) {
          n = in.read(buf);
          if (n < 0) {
            closed = true;
            break;
          }
          out.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (java.net.SocketException e) {
        closed = true; // reset by the server
      }
      return new Exchange(out.toString(StandardCharsets.ISO_8859_1), closed);
    }
  }

  @Test
  void requestSmuggledInTheBodyOfA413IsNeverExecuted() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    String feedback = "{\"user_id\": 1, \"movie_id\": 22, \"event\": \"watch\"}";
    String inner = "POST /feedback HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
        + "Content-Length: " + feedback.length() + "\r\n\r\n" + feedback;
    long before = Servers.feedbackRows(tmp.resolve("requests.db"));
    // Declares 2000 bytes (limit 1024) and sends only the embedded request: answered from the header alone.
    Exchange e = exchange("POST /recommend HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
        + "Content-Length: 2000\r\n\r\n" + inner, 3000);
    assertThat(e.text(), e.text(), startsWith("HTTP/1.1 413 "));
    assertThat("one answer only: " + e.text(), e.responses(), is(1));
    assertThat("the server closes the connection after the 413", e.closedByServer(), is(true));
    assertThat("the smuggled feedback event is not stored", Servers.feedbackRows(tmp.resolve("requests.db")), is(before));
  }

  @Test
  void clientConnectionCloseEndsTheConnection() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    Exchange e = exchange("GET /health HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 3000);
    assertThat(e.text(), startsWith("HTTP/1.1 200 "));
    assertThat("closed after the answer: " + e.text(), e.closedByServer(), is(true));
  }

  @Test
  void pipelinedRequestAfterConnectionCloseIsNotAnswered() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    Exchange e = exchange("GET /health HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"
        + "GET /health/live HTTP/1.1\r\n" + host + "\r\n", 3000);
    assertThat(e.text(), e.responses(), is(1));
    assertThat(e.closedByServer(), is(true));
  }

  @Test
  void keepAliveStillWorksForOrdinaryRequests() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    Exchange e = exchange("GET /health HTTP/1.1\r\n" + host + "\r\n" + "GET /health/live HTTP/1.1\r\n" + host
        + "\r\n", 1500);
    assertThat(e.text(), e.responses(), is(2));
    assertThat("an ordinary keep-alive connection stays open", e.closedByServer(), is(false));
  }
}
