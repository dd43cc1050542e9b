package com.marquee.pipelines.kpi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.cli.ExitCodes;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.requestlog.RequestLogDb;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KPI pipeline on a hand-made SQLite log, checked against an independent computation: SQL over the
 * same file for counts, rates, distinct users/items and popularity bias, and SQL {@code ORDER BY
 * latency_ms LIMIT 1 OFFSET ceil(p*n)-1} (rank computed here with BigDecimal) for percentiles.
 */
class KpiPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Rows spread over endpoints, versions, two hours (with the hour edge), statuses and fallbacks. */
  static void fill(RequestLogFixture f) throws SQLException {
    // 21 /recommend v1 rows in hour 13 with latencies 21..1, plus one at 13:59:59.999 (2.5 ms).
    for (int i = 0; i < 21; i++) {
      boolean fb = i % 5 == 0;
      f.request("2026-11-22T13:%02d:00.000Z".formatted(i), (long) (i % 4), "/recommend", "v1",
          "[%d,%d,3]".formatted(i % 6 + 1, i % 3 + 7), 21.0 - i, fb, fb ? (i == 10 ? null : "unknown_user") : null,
          i == 7 ? 500 : 200, i % 2 == 0 ? "A" : "B");
    }
    f.request("2026-11-22T13:59:59.999Z", 9L, "/recommend", "v1", "[1,2]", 2.5, false, null, 200, null);
    f.request("2026-11-22T14:00:00.000Z", 9L, "/recommend", "v1", "[1,42]", 7.25, true, "model_not_loaded", 200, "A");
    f.request("2026-11-22T14:30:00.000Z", null, "/recommend", "v1", null, 3.0, false, null, 400, "B");
    f.request("2026-11-22T14:31:00.000Z", 5L, "/recommend", "v2", "[5,6,7]", 4.0, false, null, 200, "A");
    f.request("2026-11-22T14:32:00.000Z", 5L, "/recommend", "v2", "[5]", null, false, null, 200, "A");
    f.request("2026-11-22T13:10:00.000Z", null, "/similar", "v1", "[2,3]", 1.5, false, null, 200, null);
    f.request("2026-11-22T13:11:00.000Z", null, "/similar", "v1", null, 0.5, false, null, 404, null);
    f.request("2026-11-22T13:12:00.000Z", null, "/popular", null, "[1,2,3,4]", 0.25, false, null, 200, null);
  }

  @Test
  void kpisMatchSqlWithVariants() throws Exception {
    checkAgainstSql(true);
  }

  @Test
  void kpisMatchSqlWithoutVariantColumn() throws Exception {
    checkAgainstSql(false);
  }

  private void checkAgainstSql(boolean variants) throws Exception {
    Path dbFile = dir.resolve("requests.db");
    Path pop = TestOptions.write(dir.resolve("popularity.csv"),
        "movie_id,count,score,trending_score,genre_ranks\n"
            + "1,10,1.0,1.0,Drama:1\n2,5,0.5,0.5,\n3,2,0.2,0.1,Drama:2\n7,1,0.1,0.1,\n");
    try (RequestLogFixture f = new RequestLogFixture(dbFile, variants)) {
      fill(f);
      KpiPipeline.run(RequestLogDb.sqlite(dbFile), dir.resolve("reports"), 50, pop, TestOptions.fast());
      JsonNode report = JSON.readTree(dir.resolve("reports/kpis.json").toFile());
      Connection c = f.connection();
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE pop (movie_id INTEGER, score REAL)");
        s.execute("INSERT INTO pop VALUES (1, 1.0), (2, 0.5), (3, 0.2), (7, 0.1)");
      }
      assertThat(report.get("total_requests").asLong(), equalTo(count(c, "1=1")));
      assertThat(report.get("variant_column").asBoolean(), equalTo(variants));
      assertThat(report.get("catalog_size").asInt(), equalTo(50));

      String variantExpr = "COALESCE(NULLIF(variant, ''), 'none')";
      long expectedGroups =
          count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT endpoint, model_version, " + HOUR + " FROM request_logs)")
          + count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT endpoint, model_version FROM request_logs)");
      if (variants) {
        expectedGroups += count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT endpoint, model_version, "
                + variantExpr + ", " + HOUR + " FROM request_logs)")
            + count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT endpoint, model_version, " + variantExpr + " FROM request_logs)");
      }
      assertThat(report.get("groups").size(), equalTo((int) expectedGroups));

      for (JsonNode g : report.get("groups")) {
        List<String> conds = new ArrayList<>();
        conds.add("COALESCE(endpoint, 'none') = " + quote(g.get("endpoint").asText()));
        conds.add("COALESCE(model_version, 'none') = " + quote(g.get("model_version").asText()));
        if (!g.get("variant").asText().equals("all")) {
          conds.add(variantExpr + " = " + quote(g.get("variant").asText()));
        }
        if (!g.get("hour").asText().equals("all")) {
          conds.add(HOUR + " = " + quote(g.get("hour").asText()));
        }
        String where = String.join(" AND ", conds);
        String what = g.toString();
        long n = count(c, where);
        assertThat(what, g.get("requests").asLong(), equalTo(n));
        long errors = count(c, where + " AND status >= 400");
        assertThat(what, g.get("errors").asLong(), equalTo(errors));
        assertThat(what, g.get("error_rate").asDouble(), closeTo(errors / (double) n, 1e-12));
        long fallbacks = scalar(c, "SELECT SUM(is_fallback) FROM request_logs WHERE " + where);
        assertThat(what, g.get("fallback_rate").asDouble(), closeTo(fallbacks / (double) n, 1e-12));
        Map<String, Double> reasons = new TreeMap<>();
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COALESCE(fallback_reason, 'unknown'), COUNT(*) FROM request_logs WHERE "
                + where + " AND is_fallback = 1 GROUP BY 1")) {
          while (rs.next()) {
            reasons.put(rs.getString(1), rs.getLong(2) / (double) n);
          }
        }
        Map<String, Double> got = new TreeMap<>();
        g.get("fallback_rate_by_reason").properties().forEach(e -> got.put(e.getKey(), e.getValue().asDouble()));
        assertThat(what, got, equalTo(reasons));
        assertThat(what, g.get("unique_users").asLong(),
            equalTo(scalar(c, "SELECT COUNT(DISTINCT user_id) FROM request_logs WHERE " + where)));
        long served = scalar(c,
            "SELECT COUNT(DISTINCT j.value) FROM request_logs, json_each(request_logs.recommendations) j WHERE " + where);
        assertThat(what, g.get("served_items").asLong(), equalTo(served));
        assertThat(what, g.get("catalog_coverage").asDouble(), closeTo(served / 50.0, 1e-12));
        Double bias = real(c, "SELECT AVG(COALESCE(p.score, 0)) FROM request_logs, json_each(request_logs.recommendations) j "
            + "LEFT JOIN pop p ON p.movie_id = j.value WHERE " + where);
        if (bias == null) {
          assertThat(what, g.get("popularity_bias").isNull(), equalTo(true));
        } else {
          assertThat(what, g.get("popularity_bias").asDouble(), closeTo(bias, 1e-12));
        }
        long withLatency = scalar(c, "SELECT COUNT(latency_ms) FROM request_logs WHERE " + where);
        for (String[] p : new String[][] {{"p50", "0.50"}, {"p95", "0.95"}, {"p99", "0.99"}}) {
          JsonNode v = g.get("latency_ms").get(p[0]);
          if (withLatency == 0) {
            assertThat(what, v.isNull(), equalTo(true));
            continue;
          }
          int rank = new BigDecimal(p[1]).multiply(BigDecimal.valueOf(withLatency))
              .setScale(0, RoundingMode.CEILING).intValueExact();
          Double expected = real(c, "SELECT latency_ms FROM request_logs WHERE " + where
              + " AND latency_ms IS NOT NULL ORDER BY latency_ms LIMIT 1 OFFSET " + (rank - 1));
          assertThat(what + " " + p[0], v.asDouble(), equalTo(expected));
        }
      }
      // Spot checks by hand: the 21-row group, the hour edge, no variant column -> only "all".
      JsonNode g13 = find(report, "/recommend", "v1", "all", "2026-11-22T13:00:00Z");
      assertThat(g13.get("requests").asLong(), equalTo(22L)); // 21 + the row at 13:59:59.999
      // 22 latencies 1, 2, 2.5, 3..21: ranks ceil(.5*22)=11, ceil(.95*22)=21, ceil(.99*22)=22.
      assertThat(g13.get("latency_ms").get("p50").asDouble(), equalTo(10.0));
      assertThat(g13.get("latency_ms").get("p95").asDouble(), equalTo(20.0));
      assertThat(g13.get("latency_ms").get("p99").asDouble(), equalTo(21.0));
      assertThat(find(report, "/recommend", "v1", "all", "2026-11-22T14:00:00Z").get("requests").asLong(), equalTo(2L));
      assertThat(find(report, "/popular", "none", "all", "all").get("popularity_bias").asDouble(),
          closeTo((1.0 + 0.5 + 0.2 + 0) / 4, 1e-12));
      if (variants) {
        assertThat(find(report, "/recommend", "v1", "none", "all").get("requests").asLong(), equalTo(1L));
      } else {
        for (JsonNode g : report.get("groups")) {
          assertThat(g.get("variant").asText(), equalTo("all"));
        }
      }
      assertThat(TestOptions.lines(dir.resolve("reports/kpis.csv")).size(), equalTo(report.get("groups").size() + 1));
    }
  }

  @Test
  void emptyLogWritesEmptyReportAndNullsWithoutCatalog() throws Exception {
    Path dbFile = dir.resolve("empty.db");
    try (RequestLogFixture f = new RequestLogFixture(dbFile, false)) {
      KpiPipeline.run(RequestLogDb.sqlite(dbFile), dir.resolve("r"), null, null, TestOptions.fast());
    }
    JsonNode report = JSON.readTree(dir.resolve("r/kpis.json").toFile());
    assertThat(report.get("total_requests").asLong(), equalTo(0L));
    assertThat(report.get("groups").size(), equalTo(0));
    assertThat(report.get("catalog_size"), equalTo(JSON.nullNode()));
  }

  @Test
  void printsNothingOnStandardOutput() throws Exception {
    // Beam 2.70.0's JdbcIO prints the schema name of a one-line SELECT ("null"): see SelectStatement
    Path dbFile = dir.resolve("quiet.db");
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    try (RequestLogFixture f = new RequestLogFixture(dbFile, true)) {
      fill(f);
      System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      KpiPipeline.run(RequestLogDb.sqlite(dbFile), dir.resolve("quiet"), 50, null, TestOptions.fast());
    } finally {
      System.setOut(stdout);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8), equalTo(""));
    assertThat(java.nio.file.Files.exists(dir.resolve("quiet/kpis.json")), equalTo(true));
  }

  @Test
  void cliExitCodes() throws Exception {
    assertThat(ExitCodes.execute(new KpiPipeline(), new String[] {"--help"}), equalTo(0));
    assertThat(ExitCodes.execute(new KpiPipeline(), new String[] {"--db", dir.resolve("missing.db").toString()}), equalTo(2));
    assertThat(ExitCodes.execute(new KpiPipeline(), new String[] {"--catalog-size", "x"}), equalTo(2));
    Path noTable = dir.resolve("notable.db");
    java.sql.DriverManager.getConnection("jdbc:sqlite:" + noTable).createStatement().execute("CREATE TABLE t (x)");
    assertThat(ExitCodes.execute(new KpiPipeline(), new String[] {"--db", noTable.toString()}), equalTo(2));
    assertThat(Percentiles.nearestRank(950, 20), equalTo(19));
    assertThat(Percentiles.nearestRank(990, 21), equalTo(21));
    assertThat(Percentiles.nearestRank(500, 1), equalTo(1));
  }

  @Test
  void cliPassesBeamOptionsThrough() throws Exception {
    Path dbFile = dir.resolve("cli.db");
    try (RequestLogFixture f = new RequestLogFixture(dbFile, false)) {
      f.request("2026-11-22T13:00:00.000Z", 1L, "/recommend", "v1", "[1,2]", 5.0, false, null, 200, null);
    }
    String[] base = {"--db", dbFile.toString(), "--out", dir.resolve("cli").toString(), "--catalog-size", "10"};
    // A Beam option after the command's own ones reaches Beam (here: the DirectRunner's checks on).
    String[] withBeam = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.stream.Stream.of("--enforceImmutability=true", "--enforceEncodability=true")).toArray(String[]::new);
    assertThat(ExitCodes.execute(new KpiPipeline(), withBeam), equalTo(0));
    assertThat(JSON.readTree(dir.resolve("cli/kpis.json").toFile()).get("total_requests").asLong(), equalTo(1L));
    String[] unknown = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
            java.util.stream.Stream.of("--noSuchBeamOption=1"))
        .toArray(String[]::new);
    assertThat(ExitCodes.execute(new KpiPipeline(), unknown), equalTo(2));
  }

  private static final String HOUR = "(substr(timestamp, 1, 13) || ':00:00Z')";

  private static JsonNode find(JsonNode report, String endpoint, String version, String variant, String hour) {
    for (JsonNode g : report.get("groups")) {
      if (g.get("endpoint").asText().equals(endpoint) && g.get("model_version").asText().equals(version)
          && g.get("variant").asText().equals(variant) && g.get("hour").asText().equals(hour)) {
        return g;
      }
    }
    throw new AssertionError("no group " + endpoint + " " + version + " " + variant + " " + hour);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static long count(Connection c, String whereOrQuery) throws SQLException {
    String q = whereOrQuery.startsWith("SELECT") ? whereOrQuery : "SELECT COUNT(*) FROM request_logs WHERE " + whereOrQuery;
    return scalar(c, q);
  }

  private static long scalar(Connection c, String q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(q); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Double real(Connection c, String q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(q); ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      double d = rs.getDouble(1);
      return rs.wasNull() ? null : d;
    }
  }
}
