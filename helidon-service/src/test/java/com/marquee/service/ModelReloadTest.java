package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.marquee.common.artifact.ArtifactFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start without a model, load one through POST /admin/reload, follow a promotion (symlink swap),
 * and keep serving the old version when a reload fails.
 */
class ModelReloadTest {

  static final String KEY = "s3cret-key";

  @TempDir Path tmp;

  @Test
  void serverStartsWithoutModelAndBecomesReadyAfterReload() throws Exception {
    Path production = tmp.resolve("models/production");
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      Http http = new Http(server.port());
      assertThat(http.get("/health/ready").status(), is(503));
      assertThat(http.get("/health/live").status(), is(200));
      Http.Response health = http.get("/health");
      assertThat(health.status(), is(200));
      assertThat(health.json().get("status").asText(), is("degraded"));
      assertThat(health.json().get("model_version").isNull(), is(true));

      Http.Response rec = http.post("/recommend", "{\"user_id\": 1}");
      assertThat(rec.status(), is(503));
      assertThat(rec.json().get("error").asText(), is("model_not_loaded"));
      assertThat(http.post("/similar", "{\"movie_id\": 22}").status(), is(503));
      assertThat(http.get("/popular").status(), is(503));
      // validation still comes first
      assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 0}").status(), is(400));

      Http.Response failed = http.post("/admin/reload", "", "X-API-Key", KEY);
      assertThat(failed.status(), is(500));
      assertThat(failed.json().get("error").asText(), is("reload_failed"));
      assertThat(failed.json().get("message").asText(), containsString("does not exist"));

      TestModel.write(production, "v1");
      Http.Response ok = http.post("/admin/reload", "", "X-API-Key", KEY);
      assertThat(ok.body(), ok.status(), is(200));
      assertThat(ok.json().get("model_version").asText(), is("v1"));
      assertThat(ok.json().get("previous_version").isNull(), is(true));
      assertThat(http.get("/health/ready").status(), is(200));
      assertThat(http.get("/health").json().get("status").asText(), is("ok"));
      assertThat(http.post("/recommend", "{\"user_id\": 1, \"k\": 1}").movieIds("recommendations"),
          is(List.of(66L)));
    }
  }

  @Test
  void reloadNeedsTheApiKey() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    try (MarqueeServer server = Servers.start(tmp.resolve("model"), tmp, List.of("other", KEY))) {
      Http http = new Http(server.port());
      Http.Response none = http.post("/admin/reload", "");
      assertThat(none.status(), is(401));
      assertThat(none.json().get("error").asText(), is("unauthorized"));
      Http.Response wrong = http.post("/admin/reload", "", "X-API-Key", "s3cret-kez");
      assertThat(wrong.status(), is(403));
      assertThat(wrong.json().get("error").asText(), is("forbidden"));
      assertThat(http.post("/admin/reload", "", "X-API-Key", KEY.substring(1)).status(), is(403));
      assertThat(http.post("/admin/reload", "", "X-API-Key", KEY).status(), is(200));
      assertThat(http.post("/admin/reload", "", "X-API-Key", "other").status(), is(200));
    }
  }

  @Test
  void reloadFollowsTheProductionSymlinkAndKeepsServingOnFailure() throws Exception {
    Path registry = tmp.resolve("models/registry");
    TestModel.write(registry.resolve("v1"), "v1");
    TestModel.write(registry.resolve("v2"), "v2");
    TestModel.write(registry.resolve("broken"), "broken");
    Files.write(registry.resolve("broken").resolve(ArtifactFiles.USER_ITEMS), new byte[] {1, 2, 3});
    Path production = tmp.resolve("models/production");
    Files.createSymbolicLink(production, registry.resolve("v1"));

    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      Http http = new Http(server.port());
      assertThat(http.get("/health").json().get("model_version").asText(), is("v1"));
      assertThat(server.models().current().orElseThrow().dir(), is(registry.resolve("v1").toRealPath()));

      promote(production, registry.resolve("v2"));
      Http.Response ok = http.post("/admin/reload", "", "X-API-Key", KEY);
      assertThat(ok.status(), is(200));
      assertThat(ok.json().get("model_version").asText(), is("v2"));
      assertThat(ok.json().get("previous_version").asText(), is("v1"));
      // relative to the models root (tmp/models), as in /health: no absolute path (issue #21)
      assertThat(ok.json().get("model_dir").asText(), is("registry/v2"));
      assertThat(http.post("/recommend", "{\"user_id\": 1}").json().get("model_version").asText(), is("v2"));

      promote(production, registry.resolve("broken"));
      Http.Response failed = http.post("/admin/reload", "", "X-API-Key", KEY);
      assertThat(failed.status(), is(500));
      assertThat(failed.json().get("error").asText(), is("reload_failed"));
      assertThat(failed.json().get("message").asText(), containsString("user_items.bin"));
      assertThat(failed.body(), not(containsString(tmp.toAbsolutePath().toString())));
      assertThat(failed.body(), not(containsString(tmp.toRealPath().toString())));
      assertThat(failed.json().get("model_version").asText(), is("v2"));

      Http.Response still = http.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
      assertThat(still.status(), is(200));
      assertThat(still.json().get("model_version").asText(), is("v2"));
      assertThat(still.movieIds("recommendations"), is(List.of(66L, 88L, 11L)));
      assertThat(http.get("/health/ready").status(), is(200));

      String metrics = http.get("/metrics").body();
      assertThat(metrics, containsString("version=\"v2\""));
      assertThat(metrics.contains("version=\"v1\""), is(false));
    }
  }

  @Test
  void requestsDuringReloadsAllSucceed() throws Exception {
    Path registry = tmp.resolve("models/registry");
    TestModel.write(registry.resolve("v1"), "v1");
    TestModel.write(registry.resolve("v2"), "v2");
    Path production = tmp.resolve("models/production");
    Files.createSymbolicLink(production, registry.resolve("v1"));
    try (MarqueeServer server = Servers.start(production, tmp, List.of(KEY))) {
      Http http = new Http(server.port());
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      List<java.util.concurrent.Future<List<String>>> clients = new java.util.ArrayList<>();
      for (int t = 0; t < 3; t++) {
        clients.add(pool.submit(() -> {
          List<String> problems = new java.util.ArrayList<>();
          for (int i = 0; i < 40; i++) {
            Http.Response r = http.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
            String v = r.status() == 200 ? r.json().get("model_version").asText() : "status " + r.status();
            if (!v.equals("v1") && !v.equals("v2") || !r.movieIds("recommendations").equals(List.of(66L, 88L, 11L))) {
              problems.add(v + " " + r.body());
            }
          }
          return problems;
        }));
      }
      for (int i = 0; i < 6; i++) {
        promote(production, registry.resolve(i % 2 == 0 ? "v2" : "v1"));
        assertThat(http.post("/admin/reload", "", "X-API-Key", KEY).status(), is(200));
      }
      for (var c : clients) {
        assertThat(c.get(), is(List.of()));
      }
      pool.shutdown();
      assertThat(http.get("/health").json().get("model_version").asText(), is("v1"));
    }
  }

  /** Swaps the symlink atomically, as promotion does: new link, then rename over the old one. */
  private static void promote(Path production, Path target) throws Exception {
    Path tmpLink = production.resolveSibling("production.tmp");
    Files.deleteIfExists(tmpLink);
    Files.createSymbolicLink(tmpLink, target);
    Files.move(tmpLink, production, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
