package com.marquee.pipelines.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.common.cli.ExitCodes;
import com.marquee.pipelines.TestOptions;
import com.marquee.pipelines.kpi.RequestLogFixture;
import com.marquee.pipelines.requestlog.RequestLogDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay on a tiny hand-made log; expected values computed by hand below (binary NDCG, log2). */
class ReplayPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double L3 = 1 / (Math.log(3) / Math.log(2)); // 1/log2(3)
  private static final double L4 = 0.5; // 1/log2(4)

  @TempDir Path dir;

  private Path log(boolean variants) throws Exception {
    Path db = dir.resolve("requests.db");
    try (RequestLogFixture f = new RequestLogFixture(db, variants)) {
      String t0 = "2026-11-22T12:00:00.000Z";
      f.request(t0, 1L, "/recommend", "v1", "[10,20,30]", 5.0, false, null, 200, "A"); // L1
      f.request(t0, 2L, "/recommend", "v1", "[40,50]", 5.0, false, null, 200, "B"); // L2
      f.request(t0, 3L, "/recommend", "v1", "[60,70,80]", 5.0, false, null, 200, "A"); // L3: no positives
      f.request("2026-11-24T12:00:00.000Z", 1L, "/recommend", "v2", "[20,90]", 5.0, false, null, 200, "B"); // L4
      f.request(t0, 1L, "/similar", "v1", "[10,20]", 5.0, false, null, 200, "A"); // not a /recommend list
      f.request(t0, 1L, "/recommend", "v1", null, 5.0, false, null, 500, "A"); // error
      f.feedback("2026-11-22T13:00:00.000Z", 1, 20, "watch", null); // L1
      f.feedback("2026-11-23T12:00:00.000Z", 1, 30, "click", null); // L1: exactly T + 24 h, inside
      f.feedback("2026-11-23T12:00:00.001Z", 1, 99, "watch", null); // 1 ms after the window
      f.feedback("2026-11-22T14:00:00.000Z", 1, 10, "rating", 3.0); // not positive
      f.feedback("2026-11-22T14:00:00.000Z", 1, 10, "skip", null); // not positive
      f.feedback("2026-11-22T11:59:59.999Z", 1, 90, "watch", null); // before L1
      f.feedback("2026-11-24T12:00:05.000Z", 1, 90, "watch", null); // L4
      f.feedback("2026-11-22T15:00:00.000Z", 2, 50, "rating", 4.0); // L2
      f.feedback("2026-11-22T15:00:00.000Z", 2, 77, "watch", null); // L2, not served
    }
    return db;
  }

  @Test
  void feedbackWithWindowAndVariants() throws Exception {
    Path db = log(true);
    ReplayPipeline.run(RequestLogDb.sqlite(db), dir.resolve("out"), null, 24.0, null, TestOptions.fast());
    JsonNode r = JSON.readTree(dir.resolve("out/replay.json").toFile());
    assertThat(r.get("total_lists").asLong(), equalTo(4L));
    assertThat(r.get("groups").size(), equalTo(5)); // v1: all, A, B; v2: all, B

    double ndcgL1 = (L3 + L4) / (1 + L3); // relevant {20, 30} at ranks 2, 3
    double ndcgL2 = L3 / (1 + L3); // relevant {50, 77}: 50 at rank 2
    JsonNode v1 = group(r, "v1", "all");
    check(v1, 3, 3, 2, 2, 2.0 / 3);
    assertThat(v1.get("metrics").get("precision@3").asDouble(), closeTo((2.0 / 3 + 1.0 / 3) / 2, 1e-12));
    assertThat(v1.get("metrics").get("hitrate@3").asDouble(), closeTo(1.0, 1e-12));
    assertThat(v1.get("metrics").get("recall@3").asDouble(), closeTo((1.0 + 0.5) / 2, 1e-12));
    assertThat(v1.get("metrics").get("ndcg@3").asDouble(), closeTo((ndcgL1 + ndcgL2) / 2, 1e-12));

    JsonNode a = group(r, "v1", "A"); // L1 and L3
    check(a, 3, 2, 1, 1, 0.5);
    assertThat(a.get("metrics").get("precision@3").asDouble(), closeTo(2.0 / 3, 1e-12));
    assertThat(a.get("metrics").get("ndcg@3").asDouble(), closeTo(ndcgL1, 1e-12));

    JsonNode b = group(r, "v1", "B"); // L2 only: k = its length 2
    check(b, 2, 1, 1, 1, 1.0);
    assertThat(b.get("metrics").get("precision@2").asDouble(), closeTo(0.5, 1e-12));
    assertThat(b.get("metrics").get("ndcg@2").asDouble(), closeTo(ndcgL2, 1e-12));

    JsonNode v2 = group(r, "v2", "all"); // L4: relevant {90} (the earlier 20 and 90 predate it)
    check(v2, 2, 1, 1, 1, 1.0);
    assertThat(v2.get("metrics").get("precision@2").asDouble(), closeTo(0.5, 1e-12));
    assertThat(v2.get("metrics").get("ndcg@2").asDouble(), closeTo(L3, 1e-12));
    assertThat(v2.get("metrics").get("hitrate@2").asDouble(), closeTo(1.0, 1e-12));
  }

  @Test
  void heldoutWithoutWindowAndWithoutVariantColumn() throws Exception {
    Path db = log(false);
    // Epoch seconds from 2001: long before the lists, so only --no-window (null) matches them.
    Path held = TestOptions.write(dir.resolve("test.csv"),
        "user_id,movie_id,rating,weight,timestamp\n1,10,4.0,1.0,1000000000\n3,99,4.0,1.0,1000000000\n");
    ReplayPipeline.run(RequestLogDb.sqlite(db), dir.resolve("h"), held, null, 3, TestOptions.fast());
    JsonNode r = JSON.readTree(dir.resolve("h/replay.json").toFile());
    assertThat(r.get("groups").size(), equalTo(2)); // v1 all, v2 all
    JsonNode v1 = group(r, "v1", "all");
    check(v1, 3, 3, 2, 1, 1.0 / 3); // L1 hits 10 at rank 1; L3 evaluated (99), no hit; L2 no positives
    assertThat(v1.get("metrics").get("precision@3").asDouble(), closeTo((1.0 / 3 + 0) / 2, 1e-12));
    assertThat(v1.get("metrics").get("ndcg@3").asDouble(), closeTo((1.0 + 0) / 2, 1e-12));
    JsonNode v2 = group(r, "v2", "all"); // L4 [20, 90]: user 1 relevant {10}: evaluated, no hit
    check(v2, 3, 1, 1, 0, 0.0);

    ReplayPipeline.run(RequestLogDb.sqlite(db), dir.resolve("w"), held, 168.0, 3, TestOptions.fast());
    JsonNode windowed = JSON.readTree(dir.resolve("w/replay.json").toFile());
    check(group(windowed, "v1", "all"), 3, 3, 0, 0, 0.0);
  }

  @Test
  void cliExitCodes() {
    assertThat(ExitCodes.execute(new ReplayPipeline(), new String[] {"--help"}), equalTo(0));
    assertThat(ExitCodes.execute(new ReplayPipeline(), new String[] {"--db", dir.resolve("no.db").toString()}), equalTo(2));
    assertThat(ExitCodes.execute(new ReplayPipeline(), new String[] {"--window-hours", "-1"}), equalTo(2));
    assertThat(ExitCodes.execute(new ReplayPipeline(), new String[] {"--k", "0"}), equalTo(2));
  }

  @Test
  void cliPassesBeamOptionsThrough() throws Exception {
    Path db = log(true);
    String out = dir.resolve("cli").toString();
    assertThat(ExitCodes.execute(new ReplayPipeline(),
        new String[] {"--db", db.toString(), "--out", out, "--window-hours", "24", "--enforceImmutability=true"}), equalTo(0));
    assertThat(JSON.readTree(dir.resolve("cli/replay.json").toFile()).get("total_lists").asLong(), equalTo(4L));
    assertThat(ExitCodes.execute(new ReplayPipeline(),
        new String[] {"--db", db.toString(), "--out", out, "--noSuchBeamOption=1"}), equalTo(2));
  }

  private static void check(JsonNode g, int k, long lists, long evaluated, long positive, double ctr) {
    assertThat(g.toString(), g.get("k").asInt(), equalTo(k));
    assertThat(g.toString(), g.get("lists").asLong(), equalTo(lists));
    assertThat(g.toString(), g.get("evaluated_lists").asLong(), equalTo(evaluated));
    assertThat(g.toString(), g.get("positive_lists").asLong(), equalTo(positive));
    assertThat(g.toString(), g.get("ctr").asDouble(), closeTo(ctr, 1e-12));
  }

  private static JsonNode group(JsonNode report, String version, String variant) {
    for (JsonNode g : report.get("groups")) {
      if (g.get("model_version").asText().equals(version) && g.get("variant").asText().equals(variant)) {
        return g;
      }
    }
    throw new AssertionError("no group " + version + "/" + variant + " in " + report);
  }
}
