package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.dashboard.DashboardConfig;
import com.marquee.service.dashboard.DashboardData;
import com.marquee.service.log.RequestLogRow;
import com.marquee.service.log.RequestLogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /dashboard, its assets and GET /dashboard/data over a real server and SQLite log. */
class DashboardApiTest {

  @TempDir Path tmp;

  @Test
  void pageAndAssetsAreServedSameOriginOnly() throws Exception {
    TestModel.write(tmp.resolve("m"), "v1");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("m"), tmp.resolve("r.db"), List.of(), 65_536))) {
      Http http = new Http(server.port());
      Http.Response page = http.get("/dashboard");
      assertThat(page.status(), is(200));
      assertThat(page.header("Content-Type"), startsWith("text/html"));
      assertThat(page.header("Content-Security-Policy"), containsString("default-src 'self'"));
      assertThat(page.body(), containsString("/dashboard/dashboard.js"));
      assertThat(page.body().contains("http://") || page.body().contains("https://"), is(false));
      Http.Response js = http.get("/dashboard/dashboard.js");
      assertThat(js.status(), is(200));
      assertThat(js.header("Content-Type"), startsWith("text/javascript"));
      assertThat(js.body(), containsString("/dashboard/data"));
      assertThat(http.get("/dashboard/dashboard.css").status(), is(200));
      Http.Response missing = http.get("/dashboard/secret.txt");
      assertThat(missing.status(), is(404));
      assertThat(missing.json().get("error").asText(), is("not_found"));
      assertThat(http.post("/dashboard/data", "{}").status(), is(405));
    }
  }

  @Test
  void dataSummarizesTheRequestLogPerHourAndGroup() throws Exception {
    Path db = tmp.resolve("requests.db");
    Instant now = Instant.parse("2026-11-22T14:30:00Z");
    try (RequestLogWriter w = RequestLogWriter.open(db, 1000, 100, Duration.ofMillis(5))) {
      // Hour 12: 20 /recommend by variant a (latency 1..20 ms), 5 of them fallbacks; one 500.
      for (int i = 1; i <= 20; i++) {
        w.offer(row("2026-11-22T12:0" + (i % 10) + ":00Z", "/recommend", "vA", "a", i, i <= 5, 200));
      }
      w.offer(row("2026-11-22T12:59:00Z", "/recommend", "vA", "a", 3, false, 500));
      // Hour 13: 4 /recommend by variant b, 2 /popular without variant, one 400.
      for (int i = 1; i <= 4; i++) {
        w.offer(row("2026-11-22T13:10:00Z", "/recommend", "vB", "b", 10, false, 200));
      }
      w.offer(row("2026-11-22T13:20:00Z", "/popular", "v1", null, 1, false, 200));
      w.offer(row("2026-11-22T13:21:00Z", "/popular", "v1", null, 1, false, 200));
      w.offer(row("2026-11-22T13:22:00Z", "/recommend", null, "b", 1, false, 400));
      // Outside a 24 h window.
      w.offer(row("2026-11-20T10:00:00Z", "/recommend", "vA", "a", 1, false, 200));
    }
    Path reports = tmp.resolve("reports");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("kpis.json"), "{\"hourly\": [{\"hour\": \"2026-11-22T12:00Z\", \"ctr\": 0.1}]}");
    Files.writeString(reports.resolve("replay.json"), "{not json");

    JsonNode d = com.marquee.common.artifact.Json.MAPPER.valueToTree(DashboardData.compute(db, reports, 24, now));
    assertThat(d.get("request_log_status").asText(), is("ok"));
    JsonNode hourly = d.get("hourly");
    assertThat(hourly.size(), is(2));
    JsonNode h12 = hourly.get(0);
    assertThat(h12.get("key").asText(), is("2026-11-22T12:00Z"));
    assertThat(h12.get("requests").asLong(), is(21L));
    assertThat(h12.get("status5xx").asLong(), is(1L));
    assertThat(h12.get("recommend_requests").asLong(), is(20L));
    assertThat(h12.get("fallback_rate").asDouble(), closeTo(0.25, 1e-9));
    // Nearest-rank p95 of {1..20, 3}: the 20th of 21 sorted values = 19.
    assertThat(h12.get("p95_latency_ms").asDouble(), is(19.0));
    JsonNode h13 = hourly.get(1);
    assertThat(h13.get("requests").asLong(), is(7L));
    assertThat(h13.get("status4xx").asLong(), is(1L));
    assertThat(h13.get("fallback_rate").asDouble(), is(0.0));

    Map<String, Long> groups = new HashMap<>();
    d.get("groups").forEach(g -> groups.merge(g.get("key").asText(), g.get("requests").asLong(), Long::sum));
    assertThat(groups, is(Map.of("variant a", 21L, "variant b", 5L, "version v1", 2L)));
    Map<String, Long> perHour = new HashMap<>();
    d.get("hourly_by_group").forEach(r -> perHour.put(r.get("hour").asText() + " " + r.get("group").asText(),
        r.get("requests").asLong()));
    assertThat(perHour, is(Map.of("2026-11-22T12:00Z variant a", 21L, "2026-11-22T13:00Z variant b", 5L,
        "2026-11-22T13:00Z version v1", 2L)));

    JsonNode rep = d.get("reports");
    assertThat(rep.get("kpis").get("hourly").get(0).get("ctr").asDouble(), is(0.1));
    assertThat(rep.get("replay").isNull(), is(true));
    assertThat(rep.get("status").get("kpis.json").asText(), is("ok"));
    assertThat(rep.get("status").get("replay.json").asText(), startsWith("invalid"));
  }

  @Test
  void dataOverHttpWithoutReportsOrLog() throws Exception {
    TestModel.write(tmp.resolve("m"), "v1");
    ServingConfig c = Servers.config(tmp.resolve("m"), tmp.resolve("logs/r.db"), List.of(), 65_536)
        .with(new DashboardConfig(tmp.resolve("no-reports"), 1));
    try (MarqueeServer server = MarqueeServer.start(c)) {
      Http http = new Http(server.port());
      http.post("/recommend", "{\"user_id\": 1}");
      http.post("/recommend", "{\"user_id\": 999}");
      JsonNode d = null;
      for (int i = 0; i < 400; i++) { // the log is written asynchronously; the body is cached 2 s
        d = http.get("/dashboard/data").json();
        if (d.get("hourly").size() == 1 && d.get("hourly").get(0).get("requests").asLong() == 2) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(d.get("hourly").get(0).get("requests").asLong(), is(2L));
      assertThat(d.get("hourly").get(0).get("fallback_rate").asDouble(), is(0.5));
      assertThat(d.get("window_hours").asInt(), is(1));
      assertThat(d.get("reports").get("kpis").isNull(), is(true));
      assertThat(d.get("reports").get("status").get("kpis.json").asText(), is("missing"));
      assertThat(d.get("reports").get("status").get("replay.json").asText(), is("missing"));
      assertThat(d.get("groups").get(0).get("key").asText(), is("version v1"));
      assertThat(d.get("groups").get(0).get("p95_latency_ms").asDouble(), greaterThanOrEqualTo(0.0));
    }
  }

  @Test
  void aMissingLogGivesEmptySeries() {
    DashboardData.Data d = DashboardData.compute(tmp.resolve("none.db"), tmp.resolve("none"), 24, Instant.now());
    assertThat(d.requestLogStatus(), is("missing"));
    assertThat(d.hourly().isEmpty(), is(true));
  }

  private static RequestLogRow row(String ts, String endpoint, String version, String variant, double latency,
      boolean fallback, int status) {
    return new RequestLogRow("r-" + ts + latency + endpoint + status, Instant.parse(ts), 1L, endpoint, version,
        new long[0], new double[0], latency, fallback, fallback ? "unknown_user" : null, status, variant);
  }
}
