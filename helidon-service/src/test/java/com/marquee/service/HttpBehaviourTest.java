package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import com.marquee.service.metrics.PrometheusContentType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-cutting HTTP behaviour: X-Request-ID, 404, 405, 413, health, admin disabled, metrics. */
class HttpBehaviourTest {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    server = MarqueeServer.start(Servers.config(tmp.resolve("model"), tmp.resolve("requests.db"), List.of(), 1024));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requestIdIsEchoed() {
    assertThat(http.post("/recommend", "{\"user_id\": 1}", "X-Request-ID", "abc-123").header("X-Request-ID"),
        is("abc-123"));
    assertThat(http.get("/health", "X-Request-ID", "h1").header("X-Request-ID"), is("h1"));
  }

  @Test
  void requestIdIsGeneratedWhenMissingOrInsane() {
    assertThat(http.get("/health").header("X-Request-ID"), matchesPattern(UUID));
    String tooLong = "x".repeat(129);
    assertThat(http.get("/health", "X-Request-ID", tooLong).header("X-Request-ID"), matchesPattern(UUID));
    assertThat(http.get("/health", "X-Request-ID", "a b").header("X-Request-ID"), matchesPattern(UUID));
    assertThat(http.get("/health", "X-Request-ID", "x".repeat(128)).header("X-Request-ID"), is("x".repeat(128)));
  }

  @Test
  void requestIdIsOnErrors() {
    assertThat(http.get("/nope", "X-Request-ID", "e404").header("X-Request-ID"), is("e404"));
    assertThat(http.post("/recommend", "{", "X-Request-ID", "e400").header("X-Request-ID"), is("e400"));
    assertThat(http.get("/recommend", "X-Request-ID", "e405").header("X-Request-ID"), is("e405"));
    assertThat(http.get("/nope").header("X-Request-ID"), matchesPattern(UUID));
  }

  @Test
  void unknownPathIs404Json() {
    Http.Response r = http.get("/nope/deeper?x=1");
    assertThat(r.status(), is(404));
    assertThat(r.header("content-type"), containsString("application/json"));
    assertThat(r.json().get("error").asText(), is("not_found"));
    assertThat(http.get("/observe/metrics").status(), is(404));
  }

  @Test
  void wrongMethodIs405WithAllow() {
    Http.Response r = http.get("/recommend");
    assertThat(r.status(), is(405));
    assertThat(r.header("Allow"), is("POST"));
    assertThat(r.json().get("error").asText(), is("method_not_allowed"));
    assertThat(http.method("DELETE", "/similar").status(), is(405));
    assertThat(http.post("/popular", "{}").status(), is(405));
    assertThat(http.post("/health", "{}").status(), is(405));
    assertThat(http.get("/admin/reload").status(), is(405));
    assertThat(http.method("PUT", "/metrics").status(), is(405));
  }

  @Test
  void bodyLargerThanLimitIs413() {
    String big = "{\"user_id\": 1, \"filters\": {\"genres\": [\"" + "x".repeat(2000) + "\"]}}";
    Http.Response r = http.post("/recommend", big, "X-Request-ID", "big");
    assertThat(r.status(), is(413));
    assertThat(r.json().get("error").asText(), is("payload_too_large"));
    assertThat(r.header("X-Request-ID"), is("big"));
    // just under the limit is fine
    String ok = "{\"user_id\": 1, \"filters\": {\"genres\": [\"" + "x".repeat(900) + "\"]}}";
    assertThat(http.post("/recommend", ok).status(), is(200));
  }

  @Test
  void healthEndpoints() {
    Http.Response h = http.get("/health");
    assertThat(h.status(), is(200));
    assertThat(h.json().get("status").asText(), is("ok"));
    assertThat(h.json().get("model_version").asText(), is("v1"));
    assertThat(h.json().get("model_loaded_at").asText(), matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    assertThat(h.json().get("uptime_seconds").isIntegralNumber(), is(true));
    assertThat(http.get("/health/live").status(), is(200));
    Http.Response ready = http.get("/health/ready");
    assertThat(ready.status(), is(200));
    assertThat(ready.json().get("model_version").asText(), is("v1"));
  }

  @Test
  void adminIsDisabledWithoutConfiguredKeys() {
    Http.Response r = http.post("/admin/reload", "", "X-API-Key", "anything");
    assertThat(r.status(), is(403));
    assertThat(r.json().get("error").asText(), is("forbidden"));
    assertThat(r.json().get("message").asText(), containsString("disabled"));
    assertThat(http.post("/admin/reload", "").status(), is(403));
  }

  @Test
  void metricsArePrometheusTextAtSlashMetrics() {
    http.post("/recommend", "{\"user_id\": 424242}"); // a fallback
    http.get("/popular?k=1");
    Http.Response m = http.get("/metrics");
    assertThat(m.status(), is(200));
    assertThat(m.header("content-type"), is(PrometheusContentType.CONTENT_TYPE));
    String text = m.body();
    assertThat(text, containsString("marquee_http_requests_total{endpoint=\"/recommend\""));
    assertThat(text, containsString("marquee_http_requests_total{endpoint=\"/popular\""));
    assertThat(text, containsString("marquee_http_request_duration_seconds_bucket{endpoint=\"/recommend\""));
    assertThat(text, containsString("marquee_fallback_total{reason=\"unknown_user\""));
    assertThat(text, containsString("marquee_model_info{"));
    assertThat(text, containsString("version=\"v1\""));
    assertThat(text, containsString("marquee_request_log_dropped_total"));
    assertThat(text, containsString("marquee_http_request_duration_seconds_count{endpoint=\"/popular\""));
    assertThat(text, not(containsString("quantile=")));
    assertThat(text, containsString("process_uptime_seconds"));
    assertThat(text, containsString("jvm_memory_used_bytes{area=\"heap\""));
    assertThat(text, not(containsString("memory_usedHeap_bytes"))); // Helidon's system meters fail promtool
    assertThat(text, not(containsString("Exception")));
  }

  @Test
  void metricsCountRequestsPerEndpointAndStatus() {
    double before = Metrics.value(http.get("/metrics").body(), "marquee_http_requests_total", "/similar", "404");
    double fallbacksBefore = Metrics.fallbacks(http.get("/metrics").body());
    for (int i = 0; i < 3; i++) {
      http.post("/similar", "{\"movie_id\": 999999}");
    }
    http.post("/recommend", "{\"user_id\": 31337}");
    String after = http.get("/metrics").body();
    assertThat(Metrics.value(after, "marquee_http_requests_total", "/similar", "404") - before, is(3.0));
    assertThat(Metrics.fallbacks(after) - fallbacksBefore, is(1.0));
  }

  /**
   * Requests Helidon rejects before routing (unparsable request line or method, unsupported version,
   * headers over the size limit, bad Content-Length), a broken chunked body and a body that is not
   * UTF-8 (an overlong encoding, sent as raw bytes) all get a 4xx with a JSON {error, message} body.
   */
  @Test
  void malformedRequestsRejectedBeforeRoutingGetJsonErrors() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    List<String> raw = List.of(
        "GET /popular HTTP/2.0\r\n" + host + "\r\n",
        "GET /popular HTTP/x.y\r\n" + host + "\r\n",
        "GET\r\n" + host + "\r\n",
        "GET /popular HTTP/1.1\r\n" + host + "X-Big: " + "v".repeat(40_000) + "\r\n\r\n",
        "GET /popular HTTP/1.1\r\n" + host + "Bad Name: x\r\n\r\n",
        "POST /recommend HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n{}",
        "G@T /popular HTTP/1.1\r\n" + host + "\r\n",
        "\u0016\u0003\u0001 /popular HTTP/1.1\r\n" + host + "\r\n",
        "/recommend HTTP/1.1\r\n" + host + "\r\n",
        "POST /recommend HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "POST /recommend HTTP/1.1\r\n" + host + "Content-Length: 25\r\n\r\n{\"user_id\": 1, \"x\": \"\u00c0\u00af\"}");
    for (String r : raw) {
      String answer = rawExchange(r);
      String status = answer.substring(9, 12);
      assertThat(r.substring(0, Math.min(40, r.length())) + " -> " + answer, status.charAt(0), is('4'));
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      assertThat(answer, json.get("error").isTextual() && json.get("message").isTextual(), is(true));
    }
  }

  /** Sends {@code request} as ISO-8859-1 bytes on a new connection and reads until the server closes or 5 s pass. */
  static String rawExchange(String request) throws Exception {
    return rawExchange(server.port(), request);
  }

  /** {@link #rawExchange(String)} against the server on {@code port}. */
  static String rawExchange(int port, String request) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.shutdownOutput();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = s.getInputStream().read(buf)) > 0; ) {
          out.write(buf, 0, n);
          String text = out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
          int head = text.indexOf("\r\n\r\n");
          var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          if (head >= 0 && m.find() && text.length() - head - 4 >= Integer.parseInt(m.group(1))) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        // the answer is complete when the server keeps the connection open
      }
      return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
