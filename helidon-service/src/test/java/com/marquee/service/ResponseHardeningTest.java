package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smaller defects of issue #21 that are about what an answer says, each over a real server: a
 * cross-origin {@code text/plain} POST is not executed, error messages carry no Java class names,
 * {@code /health} shows no absolute path, and every answer says {@code X-Content-Type-Options:
 * nosniff}. Each assertion failed on the code before the fix (202 for the text/plain feedback, a
 * Jackson message naming {@code StreamReadConstraints.getMaxNestingDepth()}, {@code model_dir} and
 * {@code last_reload_error.dir} absolute, no nosniff header, 403 for every guess of the admin key).
 */
class ResponseHardeningTest {

  @TempDir Path tmp;

  @Test
  void aTextPlainPostIsRefusedWith415AndStoresNothing() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    Path db = tmp.resolve("logs/requests.db");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("model"), db, List.of(), 65_536))) {
      Http http = new Http(server.port());
      String event = "{\"user_id\": 7, \"movie_id\": 22, \"event\": \"watch\"}";
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
        Http.Response r = http.post("/feedback", event, "Content-Type", type, "Origin", "http://evil.example");
        assertThat(type, r.status(), is(415));
        assertThat(type, r.json().get("error").asText(), is("unsupported_media_type"));
      }
      assertThat(http.post("/feedback", event, "Content-Type", "application/json; charset=utf-8").status(), is(202));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM feedback")) {
      assertThat("only the application/json event is stored", rs.getLong(1), is(1L));
    }
  }

  @Test
  void errorMessagesNameNoJavaClassesAndEveryAnswerSaysNosniff() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    try (MarqueeServer server = Servers.start(tmp.resolve("model"), tmp, List.of())) {
      Http http = new Http(server.port());
      Http.Response deep = http.post("/recommend", "[".repeat(1200) + "]".repeat(1200));
      assertThat(deep.status(), is(400));
      String message = deep.json().get("message").asText();
      for (String leak : List.of("`", "StreamReadConstraints", "Exception", "com.fasterxml", "java.")) {
        assertThat(message, not(containsString(leak)));
      }
      for (Http.Response r : List.of(http.get("/health"), http.get("/no-such-path"), deep,
          http.post("/recommend", "{\"user_id\": 1, \"k\": -1}"))) {
        assertThat(r.status() + " " + r.body(), r.header("X-Content-Type-Options"), is("nosniff"));
      }
    }
  }

  @Test
  void healthShowsNoAbsolutePaths() throws Exception {
    Path models = tmp.resolve("models");
    TestModel.write(models.resolve("registry/v1"), "v1");
    java.nio.file.Files.createSymbolicLink(models.resolve("production"), models.resolve("registry/v1"));
    try (MarqueeServer server = Servers.start(models.resolve("production"), tmp, List.of("admin-key"))) {
      Http http = new Http(server.port());
      assertThat(http.get("/health").json().get("model_dir").asText(), is("registry/v1"));
      // a failed reload names the directory it tried, relative too
      java.nio.file.Files.delete(models.resolve("registry/v1/item_embeddings.npy"));
      assertThat(http.post("/admin/reload", "{}", "X-API-Key", "admin-key").status(), is(500));
      String body = http.get("/health").body();
      assertThat(body, not(containsString(tmp.toAbsolutePath().toString())));
      assertThat(http.get("/health").json().get("last_reload_error").get("dir").asText(), not(startsWith("/")));
    }
  }

  @Test
  void adminKeyGuessesAreRateLimitedPerAddressAndTheRightKeyIsNoOracle() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    try (MarqueeServer server = Servers.start(tmp.resolve("model"), tmp, List.of("the-admin-key"))) {
      Http http = new Http(server.port());
      List<Integer> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < com.marquee.service.api.AdminService.ATTEMPTS_BURST + 3; i++) {
        statuses.add(http.post("/admin/reload", "{}", "X-API-Key", "guess-" + i).status());
      }
      assertThat(statuses.subList(0, com.marquee.service.api.AdminService.ATTEMPTS_BURST),
          is(java.util.Collections.nCopies(com.marquee.service.api.AdminService.ATTEMPTS_BURST, 403)));
      assertThat(statuses.get(statuses.size() - 1), is(429));
      Http.Response limited = http.post("/admin/reload", "{}", "X-API-Key", "the-admin-key");
      assertThat("the right key is refused too while the address is over its budget", limited.status(), is(429));
      assertThat(limited.json().get("error").asText(), is("rate_limited"));
      assertThat(Long.parseLong(limited.header("Retry-After")) >= 1, is(true));
    }
  }
}
