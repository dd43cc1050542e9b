package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.experiment.ExperimentConfig;
import com.marquee.service.experiment.VariantAssigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50/50 experiment over a real server on 127.0.0.1:0 with two registry versions written by
 * common's writers: responses, request_logs rows and metrics carry the variant.
 */
class ExperimentApiTest {

  static final String EXPERIMENT = "ab-2026-11";
  static final Map<String, String> VERSION_OF = Map.of("control", "vA", "treatment", "vB");

  @TempDir Path tmp;

  private ServingConfig config(Path db, String treatmentVersion) throws Exception {
    Path registry = tmp.resolve("models/registry");
    TestModel.write(registry.resolve("vA"), "vA");
    TestModel.write(registry.resolve("vB"), "vB");
    TestModel.write(tmp.resolve("models/production"), "prod");
    return Servers.config(tmp.resolve("models/production"), db, List.of("key"), 65_536)
        .withExperiment(registry, new ExperimentConfig(true, EXPERIMENT, List.of(
            new ExperimentConfig.Variant("control", "vA", 0.5),
            new ExperimentConfig.Variant("treatment", treatmentVersion, 0.5))));
  }

  private static String expectedVariant(long user) {
    return new VariantAssigner(EXPERIMENT, List.of(0.5, 0.5)).assign(user) == 0 ? "control" : "treatment";
  }

  @Test
  void responsesAndRequestLogRowsCarryTheUsersVariant() throws Exception {
    Path db = tmp.resolve("requests.db");
    Map<String, Integer> seen = new HashMap<>();
    try (MarqueeServer server = MarqueeServer.start(config(db, "vB"))) {
      Http http = new Http(server.port());
      // Meters live in the JVM-wide registry (other tests may have counted): compare differences.
      String before = http.get("/metrics").body();
      for (long user = 1; user <= 40; user++) {
        for (int repeat = 0; repeat < 2; repeat++) {
          JsonNode j = http.post("/recommend", "{\"user_id\": " + user + ", \"k\": 2}",
              "X-Request-ID", "u" + user + "-" + repeat).json();
          String variant = j.get("variant").asText();
          assertThat("user " + user, variant, is(expectedVariant(user)));
          assertThat(j.get("model_version").asText(), is(VERSION_OF.get(variant)));
          assertThat(j.get("is_fallback").asBoolean(), is(user > 5)); // TestModel knows users 1..5
          seen.merge(variant, 1, Integer::sum);
        }
      }
      // /similar and /popular are not part of the experiment.
      JsonNode similar = http.post("/similar", "{\"movie_id\": 22, \"k\": 2}", "X-Request-ID", "sim").json();
      assertThat(similar.get("model_version").asText(), is("prod"));
      http.get("/popular?k=1", "X-Request-ID", "pop");
      assertThat(http.get("/health").json().get("model_version").asText(), is("prod"));

      String metrics = http.get("/metrics").body();
      for (String v : List.of("control", "treatment")) {
        assertThat(metrics, containsString("marquee_experiment_requests_total"));
        double n = find(metrics, v) - find(before, v);
        assertThat(v + " counter", n, is((double) seen.get(v)));
      }
    }
    assertThat("both variants served some of 40 users", seen.size(), is(2));

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      int rows = 0;
      try (ResultSet rs = s.executeQuery(
          "SELECT user_id, variant, model_version FROM request_logs WHERE endpoint = '/recommend'")) {
        while (rs.next()) {
          rows++;
          String v = rs.getString(2);
          assertThat(v, is(expectedVariant(rs.getLong(1))));
          assertThat(rs.getString(3), is(VERSION_OF.get(v)));
        }
      }
      assertThat(rows, is(80));
      try (ResultSet rs = s.executeQuery("SELECT variant FROM request_logs WHERE request_id IN ('sim', 'pop')")) {
        int n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getString(1), nullValue());
        }
        assertThat(n, is(2));
      }
    }
  }

  @Test
  void withoutAnExperimentVariantIsNull() throws Exception {
    TestModel.write(tmp.resolve("m"), "v1");
    Path db = tmp.resolve("requests.db");
    try (MarqueeServer server = MarqueeServer.start(Servers.config(tmp.resolve("m"), db, List.of(), 65_536))) {
      JsonNode j = new Http(server.port()).post("/recommend", "{\"user_id\": 1}", "X-Request-ID", "a").json();
      assertThat(j.has("variant"), is(true));
      assertThat(j.get("variant").isNull(), is(true));
      assertThat(j.get("model_version").asText(), is("v1"));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT variant FROM request_logs WHERE request_id = 'a'")) {
      assertThat(rs.next(), is(true));
      assertThat(rs.getString(1), nullValue());
    }
  }

  @Test
  void reloadReloadsEveryVariant() throws Exception {
    try (MarqueeServer server = MarqueeServer.start(config(tmp.resolve("requests.db"), "vB"))) {
      Http http = new Http(server.port());
      // A new model is written into vB's directory; reload picks it up for that variant.
      TestModel.write(tmp.resolve("models/registry/vB"), "vB-retrained");
      Http.Response r = http.post("/admin/reload", "", "X-API-Key", "key");
      assertThat(r.body(), r.status(), is(200));
      assertThat(r.json().get("variants").get("control").asText(), is("vA"));
      assertThat(r.json().get("variants").get("treatment").asText(), is("vB-retrained"));
      long treatmentUser = 1;
      while (!expectedVariant(treatmentUser).equals("treatment")) {
        treatmentUser++;
      }
      JsonNode j = http.post("/recommend", "{\"user_id\": " + treatmentUser + "}").json();
      assertThat(j.get("model_version").asText(), is("vB-retrained"));
    }
  }

  @Test
  void aVariantWhoseModelIsMissingStopsTheStartNamingTheKey() throws Exception {
    ServingConfig c = config(tmp.resolve("requests.db"), "v-missing");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> MarqueeServer.start(c).close());
    assertThat(e.getMessage(), containsString("experiment.variants[1].model_version=v-missing"));
    assertThat(e.getMessage(), containsString("does not exist"));
  }

  private static double find(String metrics, String variant) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^marquee_experiment_requests_total\\{[^}]*"
        + "variant=\"" + variant + "\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
    assertThat("series for " + variant + " in\n" + metrics, m.find(), is(true));
    return Double.parseDouble(m.group(1));
  }
}
