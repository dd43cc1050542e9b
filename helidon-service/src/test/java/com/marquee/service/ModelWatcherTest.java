package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.marquee.common.artifact.ArtifactFiles;
import com.marquee.service.config.ServingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model watcher ({@code models.watch_interval_ms}) over a real server: a promotion (the {@code
 * production} symlink swapped to a new version directory) is served without {@code POST
 * /admin/reload}; a corrupt version is rejected, the old one keeps serving, and the failure is
 * counted once and shown in {@code /health}.
 */
class ModelWatcherTest {

  static final long INTERVAL_MS = 150;
  static final long WAIT_MS = 20_000;

  @TempDir Path tmp;

  private MarqueeServer start(Path production) throws Exception {
    ServingConfig c = Servers.config(production, tmp.resolve("requests.db"), List.of(), 65_536);
    return MarqueeServer.start(c.with(c.models().withWatchIntervalMs(INTERVAL_MS)));
  }

  @Test
  void promotionIsServedWithoutAdminReloadAndACorruptVersionIsRejected() throws Exception {
    Path registry = tmp.resolve("models/registry");
    TestModel.write(registry.resolve("v1"), "v1");
    TestModel.write(registry.resolve("v2"), "v2");
    TestModel.write(registry.resolve("broken"), "broken");
    Files.write(registry.resolve("broken").resolve(ArtifactFiles.USER_ITEMS), new byte[] {1, 2, 3});
    TestModel.write(registry.resolve("v3"), "v3");
    Path production = tmp.resolve("models/production");
    Files.createSymbolicLink(production, registry.resolve("v1"));

    try (MarqueeServer server = start(production)) {
      Http http = new Http(server.port());
      assertThat(version(http), is("v1"));
      String loadedAt1 = http.get("/health").json().get("model_loaded_at").asText();
      double failures0 = failures(http);

      promote(production, registry.resolve("v2"));
      awaitTrue("v2 served", () -> "v2".equals(version(http)));
      assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 3}").json().get("model_version").asText(), is("v2"));
      var health = http.get("/health").json();
      // relative to the models root (issue #21: /health shows no absolute path)
      assertThat(health.get("model_dir").asText(), is("registry/v2"));
      assertThat(health.get("model_loaded_at").asText().compareTo(loadedAt1) > 0, is(true));
      assertThat(health.get("last_reload_error").isNull(), is(true));

      promote(production, registry.resolve("broken"));
      awaitTrue("the failure is counted", () -> failures(http) == failures0 + 1);
      Http.Response still = http.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
      assertThat(still.status(), is(200));
      assertThat(still.json().get("model_version").asText(), is("v2"));
      assertThat(still.movieIds("recommendations"), is(List.of(66L, 88L, 11L)));
      var error = http.get("/health").json().get("last_reload_error");
      assertThat(error.get("message").asText(), containsString("user_items.bin"));
      assertThat(error.toString(), not(containsString(tmp.toAbsolutePath().toString())));
      assertThat(error.toString(), not(containsString(tmp.toRealPath().toString())));
      assertThat(http.get("/health").json().get("model_version").asText(), is("v2"));
      assertThat(http.get("/health/ready").status(), is(200));

      // The same broken state is not retried: after many more intervals the count is unchanged.
      Thread.sleep(INTERVAL_MS * 8);
      assertThat(failures(http), is(failures0 + 1));
      assertThat(version(http), is("v2"));

      promote(production, registry.resolve("v3"));
      awaitTrue("v3 served", () -> "v3".equals(version(http)));
      assertThat(http.get("/health").json().get("last_reload_error").isNull(), is(true));
      assertThat(failures(http), is(failures0 + 1));
    }
  }

  @Test
  void aModelWrittenAfterStartIsLoadedAndAnIncompleteOneIsRetriedOnceItChanges() throws Exception {
    Path production = tmp.resolve("models/production");
    try (MarqueeServer server = start(production)) {
      Http http = new Http(server.port());
      assertThat(http.get("/health/ready").status(), is(503));
      double failures0 = failures(http);

      // an incomplete directory: metadata only
      Files.createDirectories(production);
      TestModel.artifacts("v1").metadata().write(production.resolve(ArtifactFiles.METADATA));
      awaitTrue("the incomplete model is rejected", () -> failures(http) == failures0 + 1);
      assertThat(http.get("/health/ready").status(), is(503));
      assertThat(http.get("/health").json().get("last_reload_error").get("message").asText().isEmpty(), is(false));

      // the copy completes: the directory changed, so it is tried again and loads
      Path staging = tmp.resolve("staging");
      TestModel.write(staging, "v1");
      try (var files = Files.list(staging)) {
        for (Path f : files.toList()) {
          Files.copy(f, production.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      awaitTrue("v1 served", () -> http.get("/health/ready").status() == 200);
      assertThat(version(http), is("v1"));
      assertThat(failures(http), is(failures0 + 1));
    }
  }

  private static String version(Http http) {
    var v = http.get("/health").json().get("model_version");
    return v.isNull() ? null : v.asText();
  }

  private static double failures(Http http) {
    return Metrics.labelled(http.get("/metrics").body(), "marquee_model_reloads_total", "result", "failure");
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out after " + WAIT_MS + " ms waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }

  /** Swaps the symlink atomically, as promotion does: new link, then rename over the old one. */
  private static void promote(Path production, Path target) throws Exception {
    Path tmpLink = production.resolveSibling("production.tmp");
    Files.deleteIfExists(tmpLink);
    Files.createSymbolicLink(tmpLink, target);
    Files.move(tmpLink, production, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
