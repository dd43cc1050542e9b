package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.marquee.service.config.ServingConfig;
import com.marquee.service.security.RateLimitConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client API keys, per-client rate limiting (429 + Retry-After) and CORS, over real sockets.
 */
class SecurityApiTest {

  static final String CLIENT_KEY = "client-key-1";
  static final String OTHER_CLIENT_KEY = "client-key-2";
  static final String ADMIN_KEY = "admin-key";
  static final String ORIGIN = "https://app.example.com";

  @TempDir Path tmp;

  private ServingConfig config() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    return Servers.config(tmp.resolve("model"), tmp.resolve("requests.db"), List.of(ADMIN_KEY), 65_536);
  }

  @Test
  void clientKeysAreRequiredExceptOnPublicPathsAndAdmin() throws Exception {
    ServingConfig c = config();
    c = c.with(c.security().withClientApiKeys(List.of(CLIENT_KEY, OTHER_CLIENT_KEY)));
    try (MarqueeServer server = MarqueeServer.start(c)) {
      Http http = new Http(server.port());
      Http.Response none = http.post("/recommend", "{\"user_id\": 1, \"k\": 2}");
      assertThat(none.status(), is(401));
      assertThat(none.header("content-type"), containsString("application/json"));
      assertThat(none.json().get("error").asText(), is("unauthorized"));
      assertThat(none.json().get("message").asText(), containsString("missing X-API-Key"));
      assertThat(none.header("X-Request-ID"), not(nullValue()));
      Http.Response wrong = http.post("/recommend", "{\"user_id\": 1, \"k\": 2}", "X-API-Key", "client-key-3");
      assertThat(wrong.status(), is(401));
      assertThat(wrong.json().get("message").asText(), is("invalid X-API-Key"));
      // the admin key is not a client key
      assertThat(http.get("/popular?k=1", "X-API-Key", ADMIN_KEY).status(), is(401));
      // unknown paths and wrong methods are refused before routing, so nothing is revealed
      assertThat(http.get("/no-such-path").status(), is(401));
      assertThat(http.get("/recommend").status(), is(401));

      Http.Response ok = http.post("/recommend", "{\"user_id\": 1, \"k\": 2}", "X-API-Key", CLIENT_KEY);
      assertThat(ok.status(), is(200));
      assertThat(ok.movieIds("recommendations"), is(List.of(66L, 88L)));
      assertThat(http.get("/popular?k=1", "X-API-Key", OTHER_CLIENT_KEY).status(), is(200));
      assertThat(http.get("/explain?user_id=1&movie_id=66", "X-API-Key", CLIENT_KEY).status(), is(200));
      assertThat(http.get("/recommend", "X-API-Key", CLIENT_KEY).status(), is(405));

      for (String open : List.of("/health", "/health/live", "/health/ready", "/metrics")) {
        assertThat(open, http.get(open).status(), is(200));
      }
      assertThat(http.get("/dashboard/data").status(), is(401));
      // /admin checks the admin key itself
      assertThat(http.post("/admin/reload", "", "X-API-Key", ADMIN_KEY).status(), is(200));
      assertThat(http.post("/admin/reload", "", "X-API-Key", CLIENT_KEY).status(), is(403));
      assertThat(http.post("/admin/reload", "").status(), is(401));
      // the refused requests to logged endpoints are in the request log with their status
      server.requestLog().close();
      assertThat(logged(tmp.resolve("requests.db")),
          is(List.of("/recommend 401", "/recommend 401", "/popular 401", "/recommend 401", "/recommend 200",
              "/popular 200", "/recommend 405")));
    }
  }

  @Test
  void rateLimitAnswers429WithRetryAfterPerClient() throws Exception {
    ServingConfig c = config();
    c = c.with(c.security().withClientApiKeys(List.of(CLIENT_KEY, OTHER_CLIENT_KEY)))
        .with(new RateLimitConfig(1.0, 3, 1000));
    try (MarqueeServer server = MarqueeServer.start(c)) {
      Http http = new Http(server.port());
      List<Integer> statuses = new ArrayList<>();
      List<String> remaining = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "X-API-Key", CLIENT_KEY);
        statuses.add(r.status());
        remaining.add(r.header("X-RateLimit-Remaining"));
      }
      assertThat(statuses, is(List.of(200, 200, 200)));
      assertThat(remaining, is(List.of("2", "1", "0")));
      Http.Response limited = http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "X-API-Key", CLIENT_KEY);
      assertThat(limited.status(), is(429));
      assertThat(limited.header("Retry-After"), is("1"));
      assertThat(limited.json().get("error").asText(), is("rate_limited"));
      assertThat(limited.json().get("message").asText(), containsString("retry after 1 s"));

      // another key has its own bucket; unauthenticated clients are limited by address
      assertThat(http.get("/popular?k=1", "X-API-Key", OTHER_CLIENT_KEY).status(), is(200));
      List<Integer> anonymous = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        anonymous.add(http.get("/popular?k=1").status());
      }
      assertThat(anonymous, is(List.of(401, 401, 401, 429)));
      // public paths are never limited
      for (int i = 0; i < 10; i++) {
        assertThat(http.get("/health").status(), is(200));
      }

      Thread.sleep(1000 * Long.parseLong(limited.header("Retry-After")) + 50);
      assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "X-API-Key", CLIENT_KEY).status(), is(200));
    }
  }

  @Test
  void rateLimitWithoutKeysIsPerAddress() throws Exception {
    ServingConfig c = config().with(new RateLimitConfig(0.5, 2, 1000));
    try (MarqueeServer server = MarqueeServer.start(c)) {
      Http http = new Http(server.port());
      assertThat(http.get("/popular?k=1").status(), is(200));
      assertThat(http.post("/similar", "{\"movie_id\": 22, \"k\": 1}").status(), is(200));
      Http.Response limited = http.post("/recommend", "{\"user_id\": 1}");
      assertThat(limited.status(), is(429));
      // 0.5 tokens per second: the next one in at most 2 s
      assertThat(limited.header("Retry-After"), is("2"));
      assertThat(http.get("/metrics").status(), is(200));
    }
  }

  @Test
  void corsPreflightAndActualRequestsFromAnAllowedOrigin() throws Exception {
    ServingConfig c = config();
    c = c.with(c.security().withClientApiKeys(List.of(CLIENT_KEY)))
        .with(c.cors().withAllowedOrigins(List.of(ORIGIN, "http://localhost:3000")));
    try (MarqueeServer server = MarqueeServer.start(c)) {
      Http http = new Http(server.port());
      // as Chromium sends it: lower case, no space after the comma; no API key on a preflight
      Http.Response pre = http.method("OPTIONS", "/recommend", "Origin", ORIGIN,
          "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-api-key");
      assertThat(pre.body(), pre.status(), is(204));
      assertThat(pre.header("Access-Control-Allow-Origin"), is(ORIGIN));
      assertThat(pre.header("Access-Control-Allow-Methods"), is("GET, POST"));
      assertThat(pre.header("Access-Control-Allow-Headers"), is("Content-Type, X-API-Key, X-Request-ID"));
      assertThat(pre.header("Access-Control-Max-Age"), is("600"));
      assertThat(pre.header("Vary"), is("Origin"));
      assertThat(pre.header("X-Request-ID"), not(nullValue()));
      assertThat(http.method("OPTIONS", "/popular", "Origin", "http://localhost:3000",
          "Access-Control-Request-Method", "GET").status(), is(204));

      Http.Response actual = http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "Origin", ORIGIN,
          "X-API-Key", CLIENT_KEY);
      assertThat(actual.status(), is(200));
      assertThat(actual.header("Access-Control-Allow-Origin"), is(ORIGIN));
      assertThat(actual.header("Access-Control-Expose-Headers"), is("X-Request-ID, Retry-After"));
      // a refused request is still readable by the page
      Http.Response unauthorized = http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "Origin", ORIGIN);
      assertThat(unauthorized.status(), is(401));
      assertThat(unauthorized.header("Access-Control-Allow-Origin"), is(ORIGIN));

      for (Http.Response refused : List.of(
          http.method("OPTIONS", "/recommend", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"),
          http.post("/feedback", "{\"user_id\": 1, \"movie_id\": 66, \"event\": \"watch\"}",
              "Origin", "https://evil.example", "X-API-Key", CLIENT_KEY),
          http.method("OPTIONS", "/recommend", "Origin", ORIGIN, "Access-Control-Request-Method", "DELETE"),
          http.method("OPTIONS", "/recommend", "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
              "Access-Control-Request-Headers", "content-type,x-evil"))) {
        assertThat(refused.body(), refused.status(), is(403));
        assertThat(refused.json().get("error").asText(), is("forbidden"));
        assertThat(refused.header("Access-Control-Allow-Origin"), is(nullValue()));
      }
      // refused before its body was read: the connection closes, and the answer says so (else a pooled
      // client connection would send the next request into a closed socket)
      Http.Response unread = http.post("/feedback", "{\"user_id\": 1, \"movie_id\": 66, \"event\": \"watch\"}",
          "Origin", "https://evil.example", "X-API-Key", CLIENT_KEY);
      assertThat(unread.status(), is(403));
      assertThat(unread.header("Connection"), is("close"));
      // same origin is not CORS
      Http.Response same = http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "Origin",
          "http://127.0.0.1:" + server.port(), "X-API-Key", CLIENT_KEY);
      assertThat(same.status(), is(200));
      assertThat(same.header("Access-Control-Allow-Origin"), is(nullValue()));
    }
  }

  @Test
  void corsIsOffByDefault() throws Exception {
    try (MarqueeServer server = MarqueeServer.start(config())) {
      Http http = new Http(server.port());
      Http.Response pre = http.method("OPTIONS", "/recommend", "Origin", ORIGIN, "Access-Control-Request-Method", "POST");
      assertThat(pre.status(), is(405));
      assertThat(pre.json().get("error").asText(), is("method_not_allowed"));
      assertThat(pre.header("Access-Control-Allow-Origin"), is(nullValue()));
      Http.Response actual = http.post("/recommend", "{\"user_id\": 1, \"k\": 1}", "Origin", ORIGIN);
      assertThat(actual.status(), is(200));
      assertThat(actual.header("Access-Control-Allow-Origin"), is(nullValue()));
    }
  }

  static List<String> logged(Path db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = conn.createStatement().executeQuery("select endpoint, status from request_logs order by rowid")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getInt(2));
      }
    }
    return rows;
  }
}
