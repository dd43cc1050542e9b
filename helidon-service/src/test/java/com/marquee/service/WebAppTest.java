package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.marquee.service.api.WebAppService;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's files over real HTTP: the page at {@code /}, its assets under {@code /app/}, the
 * security headers, every module import served by this server, nothing from other origins, and the
 * script budget (the behaviour in a browser: {@code tests/e2e/webapp_check.py}).
 */
class WebAppTest {

  static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

  @TempDir static Path tmp;
  static MarqueeServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    TestModel.write(tmp.resolve("model"), "v1");
    server = Servers.start(tmp.resolve("model"), tmp, List.of());
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pageAtRootLinksTheDashboardAndLoadsOnlyLocalAssets() {
    Http.Response r = http.get("/");
    assertThat(r.status(), is(200));
    assertThat(r.header("content-type"), startsWith("text/html"));
    assertThat(r.header("content-security-policy"), startsWith("default-src 'self'"));
    assertThat(r.body(), containsString("<script type=\"module\" src=\"/app/app.js\"></script>"));
    assertThat(r.body(), containsString("href=\"/dashboard\""));
    assertThat(r.body(), not(containsString("://")));
    assertThat(http.get("/dashboard").status(), is(200));
  }

  @Test
  void everyAssetAndEveryImportedModuleIsServed() {
    int scriptBytes = 0;
    for (String file : WebAppService.ASSETS) {
      Http.Response r = http.get("/app/" + file);
      assertThat(file, r.status(), is(200));
      assertThat(file, r.header("content-type"), startsWith(file.endsWith(".js") ? "text/javascript" : "text/css"));
      assertThat(file, r.header("x-content-type-options"), is("nosniff"));
      if (file.endsWith(".js")) {
        scriptBytes += r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Matcher m = IMPORT.matcher(r.body());
        while (m.find()) {
          assertThat(file + " imports " + m.group(1), WebAppService.ASSETS.contains(m.group(1)), is(true));
        }
        assertThat(file, r.body(), not(containsString("import(")));
      } else {
        assertThat(file, r.body(), not(containsString("url(")));
      }
    }
    assertThat(scriptBytes, lessThan(200 * 1024));
    assertThat(http.get("/app/nope.js").status(), is(404));
    assertThat(http.get("/app/nope.js").json().get("error").asText(), is("not_found"));
    assertThat(http.post("/", "{}").status(), is(405));
  }
}
