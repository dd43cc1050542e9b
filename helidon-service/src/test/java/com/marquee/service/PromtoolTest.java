package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real server passes {@code promtool check metrics} (Prometheus's own
 * linter: snake_case names, {@code _total} only on counters, {@code _count} only on histograms and
 * summaries, valid HELP/TYPE lines), with every family present: requests of several endpoints and
 * statuses, a fallback, the model gauges, the request log and the JVM meters.
 *
 * <p>promtool comes from Debian's {@code prometheus} package. {@code scripts/test.sh} installs it and
 * sets {@code PROMTOOL}, which makes this test fail when that binary does not work. Without {@code
 * PROMTOOL} it looks for {@code promtool} on the PATH and is skipped, with a message, when there is none.
 */
class PromtoolTest {

  @TempDir Path tmp;

  @Test
  void metricsPassPromtoolCheckMetrics() throws Exception {
    String promtool = promtool();
    TestModel.write(tmp.resolve("model"), "v1");
    try (MarqueeServer server = Servers.start(tmp.resolve("model"), tmp, List.of())) {
      Http http = new Http(server.port());
      http.post("/recommend", "{\"user_id\": 1, \"k\": 3}");
      http.post("/recommend", "{\"user_id\": 424242}"); // fallback
      http.post("/similar", "{\"movie_id\": 999999}"); // 404
      http.get("/popular?k=2");
      http.get("/health");
      http.get("/no-such-path");
      String text = http.get("/metrics").body();
      assertThat(text, containsString("marquee_http_request_duration_seconds_bucket{"));
      assertThat(text, containsString("jvm_gc_"));

      Path file = tmp.resolve("metrics.txt");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(promtool, "check", "metrics").redirectInput(file.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat("promtool did not finish", p.waitFor(60, TimeUnit.SECONDS), is(true));
      assertThat("promtool check metrics:\n" + out, p.exitValue(), is(0));
      assertThat(out.strip(), is(""));
    }
  }

  /** $PROMTOOL, else promtool on the PATH; skips the test when there is neither. */
  private static String promtool() throws IOException {
    String configured = System.getenv("PROMTOOL");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    assumeTrue(false, "promtool not installed (Debian package prometheus; scripts/test.sh installs it): "
        + "skipping the promtool check of /metrics");
    throw new IOException("unreachable");
  }
}
