package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smaller findings of issue #21, each reproduced over real HTTP: a cross-origin {@code
 * text/plain} POST (CSRF), admin key guessing, Java class names in 400 messages, absolute paths in
 * {@code /health}, and answers without {@code X-Content-Type-Options: nosniff}.
 */
class HttpHardeningTest {

  static final String KEY = "s3cret-admin-key";

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("models/v1"), "v1");
    server = MarqueeServer.start(Servers.config(tmp.resolve("models/v1"), tmp.resolve("requests.db"), List.of(KEY),
        4096));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void jsonBodiesNeedApplicationJson() throws Exception {
    String event = "{\"user_id\": 1, \"movie_id\": 22, \"event\": \"watch\"}";
    long before = Servers.feedbackRows(tmp.resolve("requests.db"));
    // What a cross-origin form or fetch() without preflight can send.
    for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x")) {
      Http.Response r = http.post("/feedback", event, "Content-Type", type);
      assertThat(type + ": " + r.body(), r.status(), is(415));
      assertThat(r.json().get("error").asText(), is("unsupported_media_type"));
      assertThat(r.json().get("message").asText(), containsString("application/json"));
    }
    assertThat("nothing stored", Servers.feedbackRows(tmp.resolve("requests.db")), is(before));
    assertThat(http.post("/recommend", "{\"user_id\": 1}", "Content-Type", "text/plain").status(), is(415));
    assertThat(http.post("/feedback", event, "Content-Type", "application/json; charset=utf-8").status(), is(202));
    assertThat(http.post("/feedback", event, "Content-Type", "Application/JSON").status(), is(202));
  }

  @Test
  void everyAnswerSaysNosniff() throws Exception {
    for (Http.Response r : List.of(http.get("/health"), http.get("/nope"), http.post("/recommend", "{"),
        http.get("/metrics"), http.get("/"))) {
      assertThat(r.status() + " " + r.body(), r.header("X-Content-Type-Options"), is("nosniff"));
    }
    // Answered by Helidon before routing (JsonDirectHandler).
    String raw = HttpBehaviourTest.rawExchange(server.port(), "G@T /popular HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(raw, containsString("X-Content-Type-Options: nosniff"));
  }

  @Test
  void wrongAdminKeysAreRateLimitedPerAddress() {
    // The default allows 5 failures at once, then 10 a minute.
    int refused = 0;
    String retryAfter = null;
    for (int i = 0; i < 20; i++) {
      Http.Response r = http.post("/admin/reload", "", "X-API-Key", "guess-" + i);
      if (r.status() == 429) {
        refused++;
        retryAfter = r.header("Retry-After");
        assertThat(r.json().get("error").asText(), is("rate_limited"));
      } else {
        assertThat(r.body(), r.status(), is(403));
      }
    }
    assertThat("guesses refused after the burst", refused >= 14, is(true));
    assertThat(retryAfter, matchesPattern("[1-9][0-9]*"));
    // While the address is limited, even the right key gets 429: no yes/no answer at full speed.
    assertThat(http.post("/admin/reload", "", "X-API-Key", KEY).status(), is(429));
  }

  @Test
  void messagesHaveNoJavaClassNames() throws Exception {
    String deep = "[".repeat(1200) + "]".repeat(1200);
    List<String> bodies = List.of(deep, "{\"user_id\": 1, \"k\": 99999999999999999999}", "{\"user_id\": tru}",
        "{\"user_id\": \"" + "a".repeat(10) + "\\uZZZZ\"}", "{\"user_id\": 1} {}", "{\"user_id\": 1.5e999999}");
    for (String b : bodies) {
      Http.Response r = http.post("/recommend", b);
      assertThat(b.substring(0, Math.min(b.length(), 40)) + " -> " + r.body(), r.status(), is(400));
      String m = r.json().get("message").asText();
      assertThat(m, not(matchesPattern("(?s).*\\b[A-Z]\\w*(Exception|Error|Constraints|Parser)\\b.*")));
      assertThat(m, not(matchesPattern("(?s).*\\b(java|com|io)\\.[a-z]+\\..*")));
      assertThat(m, not(containsString("`")));
    }
    String chunked = HttpBehaviourTest.rawExchange(server.port(), "POST /recommend HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
    assertThat(chunked, containsString("400"));
    assertThat(chunked, not(matchesPattern("(?s).*\\b[A-Z]\\w*Exception\\b.*")));
  }

  @Test
  void healthShowsNoAbsolutePaths() throws Exception {
    String body = http.get("/health").body();
    assertThat(http.get("/health").json().get("model_dir").asText(), is("v1"));
    assertThat(body, not(containsString(tmp.toAbsolutePath().toString())));
    assertThat(body, not(containsString(tmp.toRealPath().toString())));
  }
}
