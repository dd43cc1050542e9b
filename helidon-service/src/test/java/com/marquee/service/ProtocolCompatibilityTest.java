package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.artifact.Json;
import com.marquee.service.ConnectionHardeningTest.Exchange;
import com.marquee.service.http.ConnectionLimits;
import com.marquee.service.security.SecurityConfig;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.0 and HEAD (issue #21: both were refused, 400/405, even on {@code /health}), a request body that
 * never arrives after complete headers, and the unread body of a refused request; over raw sockets on a real
 * server, with a client API key configured (so refusals can be tested) and a short body timeout.
 */
class ProtocolCompatibilityTest {

  static final String KEY = "client-key-1";
  static final long BODY_TIMEOUT_MS = 500;

  @TempDir static Path tmp;
  static MarqueeServer server;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("models/v1"), "v1");
    server = MarqueeServer.start(Servers.config(tmp.resolve("models/v1"), tmp.resolve("requests.db"), List.of(), 4096)
        .with(new SecurityConfig(List.of(KEY), SecurityConfig.OFF.publicPaths()))
        .with(new ConnectionLimits(0, null, null, BODY_TIMEOUT_MS)));
    key = "X-API-Key: " + KEY + "\r\n";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One answer: status line, headers (lower-case names), body (ISO-8859-1: one char a byte). */
  record Answer(String statusLine, Map<String, String> headers, String body) {
    static Answer parse(String text) {
      int end = text.indexOf("\r\n\r\n");
      assertThat("a complete header section: " + text, end >= 0, is(true));
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> h = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        h.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
      }
      return new Answer(lines[0], h, text.substring(end + 4));
    }

    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    JsonNode json() throws Exception {
      return Json.MAPPER.readTree(body);
    }
  }

  static Exchange exchange(String request, int timeoutMs) throws Exception {
    return ConnectionHardeningTest.exchange(server.port(), request, timeoutMs);
  }

  /** An HTTP/1.0 exchange: one valid answer with a Content-Length that is its body's, and the connection closed. */
  static Answer http10(String request) throws Exception {
    Exchange e = exchange(request, 5000);
    assertThat("the server closes an HTTP/1.0 connection after its answer: " + e.text(), e.closedByServer(), is(true));
    assertThat(e.text(), e.responses(), is(1));
    Answer a = Answer.parse(e.text());
    assertThat(a.statusLine(), startsWith("HTTP/1.1 "));
    assertThat("no chunked encoding for a 1.0 client: " + a.headers(), a.headers().containsKey("transfer-encoding"),
        is(false));
    assertThat(a.headers().get("content-length"), is(String.valueOf(a.body().length())));
    assertThat(a.headers().get("connection"), is("close"));
    return a;
  }

  @Test
  void http10GetHealthIsAnswered() throws Exception {
    Answer a = http10("GET /health HTTP/1.0\r\n\r\n"); // no Host: optional in HTTP/1.0
    assertThat(a.status(), is(200));
    assertThat(a.headers().get("content-type"), startsWith("application/json"));
    assertThat(a.json().get("status").asText(), is("ok"));
  }

  @Test
  void http10WithHostAndKeepAliveIsAnsweredAndStillClosed() throws Exception {
    Answer a = http10("GET /health/live HTTP/1.0\r\nHost: 127.0.0.1:" + server.port()
        + "\r\nConnection: keep-alive\r\nUser-Agent: nginx\r\n\r\n");
    assertThat(a.status(), is(200));
    assertThat(a.json().get("status").asText(), is("live"));
  }

  @Test
  void http10PostWithBodyIsAnswered() throws Exception {
    String body = "{\"user_id\": 1, \"k\": 3}";
    Answer a = http10("POST /recommend HTTP/1.0\r\nContent-Type: application/json\r\n" + key
        + "Content-Length: " + body.length() + "\r\n\r\n" + body);
    assertThat(a.body(), a.status(), is(200));
    assertThat(a.json().get("recommendations").size(), is(3));
  }

  @Test
  void http10ErrorsAreJson() throws Exception {
    Answer notFound = http10("GET /nowhere HTTP/1.0\r\n" + key + "\r\n");
    assertThat(notFound.status(), is(404));
    assertThat(notFound.json().get("error").asText(), is("not_found"));
    String bad = "{\"user_id\": ";
    Answer badJson = http10("POST /recommend HTTP/1.0\r\nContent-Type: application/json\r\n" + key
        + "Content-Length: " + bad.length() + "\r\n\r\n" + bad);
    assertThat(badJson.status(), is(400));
    assertThat(badJson.json().get("error").asText(), notNullValue());
    Answer refused = http10("GET /popular HTTP/1.0\r\n\r\n");
    assertThat(refused.status(), is(401));
  }

  @Test
  void http10LargeAnswersHaveAContentLengthToo() throws Exception {
    // /metrics is Helidon's observer, /openapi 40 KB, / a static file: none may be chunked for a 1.0 client.
    for (String path : List.of("/metrics", "/openapi", "/")) {
      Answer a = http10("GET " + path + " HTTP/1.0\r\n" + key + "\r\n");
      assertThat(path, a.status(), is(200));
      assertThat(path, a.body().length() > 1000, is(true));
    }
  }

  @Test
  void http11StillKeepsItsConnectionOpen() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    Exchange e = exchange("GET /health HTTP/1.1\r\n" + host + "\r\nGET /health/live HTTP/1.1\r\n" + host + "\r\n", 1500);
    assertThat(e.text(), e.responses(), is(2));
    assertThat(e.closedByServer(), is(false));
  }

  /**
   * HEAD then GET of {@code path} pipelined on one connection: the HEAD answer must end where the GET one starts,
   * with the same status and headers ({@code stable}: the same Content-Length too, the body does not change
   * between two calls; /metrics does).
   */
  void headMatchesGet(String path, boolean stable) throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n" + key;
    Exchange e = exchange("HEAD " + path + " HTTP/1.1\r\n" + host + "\r\n"
        + "GET " + path + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 5000);
    assertThat(e.text(), e.responses(), is(2));
    int second = e.text().indexOf("HTTP/1.1 ", 1);
    Answer head = Answer.parse(e.text().substring(0, second));
    Answer get = Answer.parse(e.text().substring(second));
    assertThat("HEAD " + path + " has no body", head.body(), is(""));
    assertThat(head.statusLine(), is(get.statusLine()));
    assertThat(get.status(), is(200));
    for (String h : stable ? List.of("content-type", "content-length", "x-content-type-options")
        : List.of("content-type", "x-content-type-options")) {
      assertThat("HEAD " + path + " " + h, head.headers().get(h), is(get.headers().get(h)));
    }
    assertThat(get.headers().get("content-length"), is(String.valueOf(get.body().length())));
    assertThat(Long.parseLong(head.headers().get("content-length")) > 0, is(true));
  }

  @Test
  void headAnswersLikeGetWithoutBody() throws Exception {
    headMatchesGet("/health/ready", true);
    headMatchesGet("/openapi", true);
    headMatchesGet("/popular?k=2", true);
    headMatchesGet("/", true);
    headMatchesGet("/movies/11", true);
    headMatchesGet("/health", false); // uptime_seconds may tick
    headMatchesGet("/metrics", false);
  }

  @Test
  void onlyTheAnswerToHeadLosesItsBody() throws Exception {
    // HEAD, then a line Helidon cannot parse: its 400 answer (no request was read for it) keeps its JSON body.
    Exchange e = exchange("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\nG@T / HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    int second = e.text().indexOf("HTTP/1.1 ", 1);
    assertThat(e.text(), second > 0, is(true));
    Answer error = Answer.parse(e.text().substring(second));
    assertThat(error.status(), is(400));
    assertThat(error.body(), error.json().get("error").asText(), is("bad_request"));
    // and a GET after a HEAD on the same connection has its body
    String host = "Host: x\r\n";
    Exchange two = exchange("HEAD /health/live HTTP/1.1\r\n" + host + "\r\nGET /health/live HTTP/1.1\r\n" + host
        + "Connection: close\r\n\r\n", 5000);
    Answer get = Answer.parse(two.text().substring(two.text().indexOf("HTTP/1.1 ", 1)));
    assertThat(get.json().get("status").asText(), is("live"));
  }

  @Test
  void headOverHttp10IsAnsweredToo() throws Exception {
    Exchange e = exchange("HEAD /health HTTP/1.0\r\n\r\n", 5000);
    assertThat(e.closedByServer(), is(true));
    Answer a = Answer.parse(e.text());
    assertThat(a.status(), is(200));
    assertThat(a.body(), is(""));
    assertThat(Long.parseLong(a.headers().get("content-length")) > 0, is(true));
  }

  @Test
  void headOnAPostOnlyEndpointIs405WithAllow() throws Exception {
    Exchange e = exchange("HEAD /recommend HTTP/1.1\r\nHost: x\r\n" + key + "Connection: close\r\n\r\n", 5000);
    Answer a = Answer.parse(e.text());
    assertThat(a.status(), is(405));
    assertThat(a.headers().get("allow"), is("POST"));
    assertThat(a.body(), is(""));
    Exchange get = exchange("DELETE /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
    assertThat(Answer.parse(get.text()).headers().get("allow"), is("GET, HEAD"));
  }

  @Test
  void bodyThatNeverArrivesClosesTheConnection() throws Exception {
    // Complete headers, 10 of the 1000 declared bytes, then nothing: closed after the body timeout, no answer.
    long t0 = System.nanoTime();
    Exchange e = exchange("POST /recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + key
        + "Content-Length: 1000\r\n\r\n{\"user_id\"", 15_000);
    double secs = (System.nanoTime() - t0) / 1e9;
    assertThat("closed by the server (" + secs + " s): " + e.text(), e.closedByServer(), is(true));
    assertThat(e.text(), e.responses(), is(0));
  }

  @Test
  void bodyTrickledSlowerThanTheTimeoutClosesTheConnection() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(200);
      s.getOutputStream().write(("POST /feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + key
          + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      boolean closed = false;
      for (int i = 0; i < 60 && !closed; i++) { // one byte every 250 ms: 15 s at most, the timeout is 0.5 s in total
        try {
          s.getOutputStream().write(' ');
          s.getOutputStream().flush();
          closed = s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
          Thread.sleep(50);
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      assertThat("a trickled body does not hold the connection", closed, is(true));
    }
  }

  @Test
  void refusedRequestWithUnreadBodyClosesTheConnection() throws Exception {
    // No key: 401 from the access filter, which must not then wait for (drain) the 990 bytes that never come.
    Exchange e = exchange("POST /recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 1000\r\n\r\n{\"user_id\"", 3000);
    Answer a = Answer.parse(e.text());
    assertThat(a.status(), is(401));
    assertThat(a.headers().get("connection"), is("close"));
    assertThat("closed right after the 401", e.closedByServer(), is(true));
  }

  @Test
  void requestsWithBodiesReadInTimeAreServed() throws Exception {
    String body = "{\"user_id\": 1, \"k\": 2}";
    String host = "Host: x\r\nContent-Type: application/json\r\n" + key;
    Exchange e = exchange("POST /recommend HTTP/1.1\r\n" + host + "Content-Length: " + body.length() + "\r\n\r\n" + body
        + "POST /recommend HTTP/1.1\r\n" + host + "Content-Length: " + body.length() + "\r\n\r\n" + body, 1500);
    assertThat(e.text(), e.responses(), is(2));
    assertThat(e.text(), not(containsString(" 500 ")));
    assertThat("keep-alive after bodies that were read", e.closedByServer(), is(false));
  }
}
