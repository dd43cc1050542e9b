package com.marquee.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.common.config.DataConfig;
import com.marquee.pipelines.cli.BeamOptions;
import com.marquee.pipelines.features.FeaturesPipeline;
import com.marquee.pipelines.io.StagePaths;
import com.marquee.pipelines.kpi.KpiPipeline;
import com.marquee.pipelines.kpi.RequestLogFixture;
import com.marquee.pipelines.preprocess.PreprocessPipeline;
import com.marquee.pipelines.replay.ReplayPipeline;
import com.marquee.pipelines.requestlog.RequestLogDb;
import com.marquee.pipelines.split.TimeSplitPipeline;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Beam pipeline of beam-pipelines (preprocess, split, features, KPI, replay) runs on the
 * DirectRunner and on Beam's FlinkRunner (embedded mini-cluster, {@code --flinkMaster=[local]},
 * parallelism 2) over the same input, and the outputs must be identical as sorted records (CSV files)
 * or as JSON trees (reports, without their {@code generated_at} time stamp). The options are built by
 * {@link BeamOptions}, as the scripts do.
 *
 * <p>Input: a real MovieLens subset (the ratings of users 1-100 of the bundled ml-latest-small,
 * 15,448 ratings, all 9,742 movies) plus a few bad and duplicate rows so that rejects and the
 * latest-rating rule run too; and a real SQLite request log (the service's schema) of 600 seeded
 * random requests and 400 feedback events over the movies of that subset.
 *
 * <p>Stages run in order and each runner's stage reads that runner's previous output, so a
 * difference is reported at the stage that introduced it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerEquivalenceTest {
  private static final Path ML_LATEST_SMALL = Path.of("../data/raw/ml-latest-small");
  private static final Path DATA_CONFIG = Path.of("../configs/data.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private DataConfig cfg;
  private Path direct;
  private Path flink;
  private Path requestLog;

  @BeforeAll
  void inputs() throws Exception {
    Path raw = dir.resolve("raw");
    Files.createDirectories(raw);
    Files.copy(ML_LATEST_SMALL.resolve("movies.csv"), raw.resolve("movies.csv"));
    List<String> ratings = new ArrayList<>();
    try (Stream<String> lines = Files.lines(ML_LATEST_SMALL.resolve("ratings.csv"))) {
      lines.forEach(l -> {
        if (ratings.isEmpty() || Long.parseLong(l.substring(0, l.indexOf(','))) <= 100) {
          ratings.add(l);
        }
      });
    }
    ratings.add("7,1,9.0,964982703"); // rating outside [0.5, 5]
    ratings.add("7,999999,4.0,964982703"); // movie not in movies.csv
    ratings.add("7,2,4.0"); // field missing
    ratings.add("1,1,2.0,964982704"); // a later re-rating of (1, 1): the latest one wins
    Files.write(raw.resolve("ratings.csv"), ratings, StandardCharsets.UTF_8);
    cfg = DataConfig.load(DATA_CONFIG).withInputDir(raw.toAbsolutePath().toString());
    direct = dir.resolve("direct");
    flink = dir.resolve("flink");
    requestLog = dir.resolve("requests.db");
    writeRequestLog(requestLog, movieIds(ratings));
  }

  private static PipelineOptions directRunner() {
    PipelineOptions o = BeamOptions.create("DirectRunner", List.of());
    assertThat(o.getRunner(), equalTo(DirectRunner.class));
    return o;
  }

  private static PipelineOptions flinkRunner() {
    PipelineOptions o = BeamOptions.create("FlinkRunner", List.of("--flinkMaster=[local]", "--parallelism=2"));
    assertThat(o.getRunner(), equalTo(FlinkRunner.class));
    return o;
  }

  @Test
  @Order(1)
  void preprocess() {
    PreprocessPipeline.run(cfg, direct, directRunner());
    PreprocessPipeline.run(cfg, flink, flinkRunner());
    assertSameCsv(s -> s.interactions(), 5_000);
    assertThat(assertSameCsv(s -> s.rejects(), 1), equalTo(3)); // the three bad rows added above
  }

  @Test
  @Order(2)
  void split() {
    TimeSplitPipeline.run(cfg, direct, directRunner());
    TimeSplitPipeline.run(cfg, flink, flinkRunner());
    assertSameCsv(s -> s.train(), 4_000);
    assertSameCsv(s -> s.val(), 500);
    assertSameCsv(s -> s.test(), 500);
  }

  @Test
  @Order(3)
  void features() {
    FeaturesPipeline.run(cfg, direct, directRunner());
    FeaturesPipeline.run(cfg, flink, flinkRunner());
    assertThat(assertSameCsv(s -> s.itemFeatures(), 1), equalTo(9742)); // every movie of movies.csv
    assertSameCsv(s -> s.popularity(), 1_000);
  }

  @Test
  @Order(4)
  void kpis() throws IOException {
    Path popularity = StagePaths.of(cfg, direct).popularity();
    KpiPipeline.run(RequestLogDb.sqlite(requestLog), direct.resolve("reports"), 9742, popularity, directRunner());
    KpiPipeline.run(RequestLogDb.sqlite(requestLog), flink.resolve("reports"), 9742, popularity, flinkRunner());
    assertSameRecords("kpis.csv", direct.resolve("reports/kpis.csv"), flink.resolve("reports/kpis.csv"), 50);
    JsonNode report = assertSameJson(direct.resolve("reports/kpis.json"), flink.resolve("reports/kpis.json"));
    assertThat(report.get("total_requests").asLong(), equalTo(600L));
  }

  @Test
  @Order(5)
  void replayAgainstFeedback() throws IOException {
    ReplayPipeline.run(RequestLogDb.sqlite(requestLog), direct.resolve("replay-feedback"), null, 168.0, null, directRunner());
    ReplayPipeline.run(RequestLogDb.sqlite(requestLog), flink.resolve("replay-feedback"), null, 168.0, null, flinkRunner());
    JsonNode report = assertSameJson(
        direct.resolve("replay-feedback/replay.json"), flink.resolve("replay-feedback/replay.json"));
    assertThat(report.get("total_lists").asLong(), greaterThan(100L));
    assertThat(report.get("variant_tests").size(), equalTo(1));
  }

  @Test
  @Order(6)
  void replayAgainstHeldOutTestSplit() throws IOException {
    Path test = StagePaths.of(cfg, direct).test();
    ReplayPipeline.run(RequestLogDb.sqlite(requestLog), direct.resolve("replay-heldout"), test, null, 10, directRunner());
    ReplayPipeline.run(RequestLogDb.sqlite(requestLog), flink.resolve("replay-heldout"), test, null, 10, flinkRunner());
    JsonNode report = assertSameJson(
        direct.resolve("replay-heldout/replay.json"), flink.resolve("replay-heldout/replay.json"));
    assertThat(report.get("groups").get(0).get("evaluated_lists").asLong(), greaterThan(0L));
  }

  // ---------------------------------------------------------------------------------------------

  /** {@link #assertSameRecords} for one stage output; returns its number of data records. */
  private int assertSameCsv(java.util.function.Function<StagePaths, Path> file, int minRecords) {
    Path d = file.apply(StagePaths.of(cfg, direct));
    Path f = file.apply(StagePaths.of(cfg, flink));
    return assertSameRecords(d.getFileName().toString(), d, f, minRecords);
  }

  /**
   * Same header, same data records as sorted lists, at least {@code minRecords} of them; returns
   * their number.
   */
  private static int assertSameRecords(String what, Path directFile, Path flinkFile, int minRecords) {
    List<List<String>> a = sortedRecords(directFile);
    List<List<String>> b = sortedRecords(flinkFile);
    assertThat(what + ": records on the DirectRunner", a.size() - 1, greaterThanOrEqualTo(minRecords));
    assertEquals(a.get(0), b.get(0), what + ": header");
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      assertEquals(a.get(i), b.get(i), what + ": sorted record " + i + " (DirectRunner vs FlinkRunner)");
    }
    assertEquals(a.size(), b.size(), what + ": record count");
    return a.size() - 1;
  }

  /** The header record, then the data records sorted lexicographically by their fields. */
  private static List<List<String>> sortedRecords(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<List<String>> records = new ArrayList<>();
      for (CSVRecord r : CSVFormat.RFC4180.parse(in)) {
        records.add(r.toList());
      }
      List<List<String>> data = new ArrayList<>(records.subList(1, records.size()));
      data.sort(RunnerEquivalenceTest::compareRecords);
      List<List<String>> out = new ArrayList<>();
      out.add(records.get(0));
      out.addAll(data);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int compareRecords(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Equal JSON trees once {@code generated_at} (wall-clock time of the run) is removed. */
  private static JsonNode assertSameJson(Path directFile, Path flinkFile) throws IOException {
    ObjectNode a = (ObjectNode) JSON.readTree(directFile.toFile());
    ObjectNode b = (ObjectNode) JSON.readTree(flinkFile.toFile());
    assertThat(a.remove("generated_at").isTextual(), equalTo(true));
    assertThat(b.remove("generated_at").isTextual(), equalTo(true));
    assertEquals(a.toPrettyString(), b.toPrettyString(), directFile.getFileName() + " (DirectRunner vs FlinkRunner)");
    return a;
  }

  // ---------------------------------------------------------------------------------------------

  private static List<Long> movieIds(List<String> ratings) {
    return ratings.stream().skip(1).map(l -> l.split(",")).filter(f -> f.length == 4)
        .map(f -> Long.parseLong(f[1])).filter(id -> id < 999_999).distinct().sorted(Comparator.naturalOrder()).toList();
  }

  /**
   * 600 requests over 5 hours (endpoints, two model versions, an A/B variant column, latencies,
   * fallbacks with reasons, errors) and 400 feedback events of users 1-100, from a fixed seed.
   */
  private static void writeRequestLog(Path db, List<Long> movies) throws Exception {
    Random rnd = new Random(20261122);
    Instant t0 = Instant.parse("2026-11-22T08:00:00Z");
    String[] endpoints = {"/recommend", "/recommend", "/recommend", "/popular", "/similar"};
    String[] reasons = {"unknown_user", "model_not_loaded", null};
    try (RequestLogFixture log = new RequestLogFixture(db, true)) {
      log.connection().setAutoCommit(false);
      for (int i = 0; i < 600; i++) {
        Instant t = t0.plusMillis(rnd.nextInt(5 * 3_600_000));
        long user = 1 + rnd.nextInt(100);
        String endpoint = endpoints[rnd.nextInt(endpoints.length)];
        int status = rnd.nextInt(40) == 0 ? 400 : 200;
        List<String> recs = new ArrayList<>();
        for (int k = 0; status == 200 && k < 10; k++) {
          recs.add(Long.toString(movies.get(rnd.nextInt(Math.min(400, movies.size())))));
        }
        boolean fallback = rnd.nextInt(8) == 0;
        log.request(t.toString(), endpoint.equals("/popular") ? null : user, endpoint, rnd.nextBoolean() ? "v1" : "v2",
            status == 200 ? "[" + String.join(",", recs) + "]" : null, 0.5 + rnd.nextDouble() * 40,
            fallback, fallback ? reasons[rnd.nextInt(reasons.length)] : null, status,
            rnd.nextBoolean() ? "control" : "treatment");
      }
      String[] events = {"watch", "click", "rating", "skip"};
      for (int i = 0; i < 400; i++) {
        String event = events[rnd.nextInt(events.length)];
        log.feedback(t0.plusMillis(rnd.nextInt(6 * 3_600_000)).toString(), 1 + rnd.nextInt(100),
            movies.get(rnd.nextInt(Math.min(400, movies.size()))), event,
            event.equals("rating") ? (double) (1 + rnd.nextInt(5)) : null);
      }
      log.connection().commit();
    }
  }
}
