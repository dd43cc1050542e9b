package com.marquee.pipelines.evaluate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.pipelines.TestOptions;
import com.marquee.trainer.evaluate.EvaluateMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/evaluate.sh's command line on small MovieLens directories written here. */
class EvaluateMainTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] MODELS = {"popularity", "itemknn", "ease", "ials"};
  private static final String[] PROTOCOLS = {"global-time", "leave-last-out", "random-per-user", "user-holdout"};

  @TempDir Path dir;

  /** Exit code, stdout and stderr of one run. */
  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      List<String> lines = out.lines().toList();
      return JSON.readTree(lines.get(lines.size() - 1));
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EvaluateMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * 50 users rating 12..20 of 40 movies, lower movie ids more popular; ratings 2..5 (about 70% >= 4),
   * timestamps spread over 100,000 seconds. ml-latest layout, or ml-1m with {@code ml1m}.
   */
  static Path movieLens(Path dir, boolean ml1m) {
    SplittableRandom r = new SplittableRandom(11);
    StringBuilder movies = new StringBuilder(ml1m ? "" : "movieId,title,genres\n");
    for (int m = 1; m <= 40; m++) {
      movies.append(ml1m ? m + "::Movie " + m + " (1999)::Drama\n" : m + ",Movie " + m + " (1999),Drama\n");
    }
    StringBuilder ratings = new StringBuilder(ml1m ? "" : "userId,movieId,rating,timestamp\n");
    for (int u = 1; u <= 50; u++) {
      int n = 12 + r.nextInt(9);
      java.util.TreeSet<Integer> seen = new java.util.TreeSet<>();
      while (seen.size() < n) {
        seen.add(1 + (int) Math.floor(40 * Math.pow(r.nextDouble(), 2))); // skewed to low ids
      }
      for (int m : seen) {
        int stars = r.nextDouble() < 0.7 ? 4 + r.nextInt(2) : 2 + r.nextInt(2);
        long ts = 1_000_000_000L + r.nextInt(100_000);
        ratings.append(ml1m ? u + "::" + m + "::" + stars + "::" + ts + "\n"
            : u + "," + m + "," + stars + ".0," + ts + "\n");
      }
    }
    TestOptions.write(dir.resolve(ml1m ? "movies.dat" : "movies.csv"), movies.toString());
    TestOptions.write(dir.resolve(ml1m ? "ratings.dat" : "ratings.csv"), ratings.toString());
    return dir;
  }

  private List<String> args(Path data, String protocol, String model, String... more) {
    List<String> a = new ArrayList<>(List.of("--data", data.toString(), "--protocol", protocol, "--model", model,
        "--config", "../configs/training.yaml", "--data-config", "../configs/data.yaml",
        "--factors", "8", "--iterations", "3", "--output", dir.resolve("out/" + protocol + "_" + model + ".json").toString()));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void everyModelUnderEveryProtocolPrintsATableAndEndsWithTheJson() throws Exception {
    Path data = movieLens(dir.resolve("ml"), false);
    for (String protocol : PROTOCOLS) {
      for (String model : MODELS) {
        Run r = run(args(data, protocol, model).toArray(String[]::new));
        assertThat(protocol + "/" + model + ": " + r.err(), r.code(), is(0));
        assertThat(r.out(), containsString("Offline evaluation of " + model + " under " + protocol));
        assertThat(r.out(), containsString("  ndcg    "));
        JsonNode j = r.json();
        assertThat(j.get("model").asText(), is(model));
        assertThat(j.get("protocol").asText(), is(protocol));
        for (String metric : List.of("precision", "recall", "nrecall", "ndcg", "map", "hitrate", "novelty", "coverage")) {
          for (int k : new int[] {10, 20, 50, 100}) {
            double v = j.get(metric + "@" + k).asDouble(-1);
            assertThat(protocol + "/" + model + " " + metric + "@" + k, v >= 0 && (metric.equals("novelty") || v <= 1),
                is(true));
          }
        }
        assertThat(j.get("users").asInt(), greaterThan(0));
        assertThat(j.get("standard_errors").get("ndcg@10").asDouble(-1) >= 0, is(true));
        // the same JSON is in the output file
        assertThat(JSON.readTree(Files.readString(dir.resolve("out/" + protocol + "_" + model + ".json"))), is(j));
      }
    }
  }

  @Test
  void userHoldoutEvaluatesOnlyHeldOutUsers() throws Exception {
    Path data = movieLens(dir.resolve("ml"), false);
    JsonNode j = run(args(data, "user-holdout", "ials", "--ratio", "0.2").toArray(String[]::new)).json();
    assertThat(j.get("heldout_users").asInt(), is(10)); // round(0.2 * 50)
    assertThat(j.get("users").asInt(), is(10));
    JsonNode n = run(args(data, "user-holdout", "ials", "--heldout-users", "7").toArray(String[]::new)).json();
    assertThat(n.get("users").asInt(), is(7));
  }

  @Test
  void bestIsTheModelWithTheHighestValidationScore() throws Exception {
    Path data = movieLens(dir.resolve("ml"), false);
    String bestModel = null;
    double bestScore = -1;
    for (String model : new String[] {"ials", "ease", "itemknn", "popularity"}) { // the order "best" tries them
      double s = run(args(data, "random-per-user", model).toArray(String[]::new)).json().get("validation_score").asDouble();
      if (s > bestScore) {
        bestScore = s;
        bestModel = model;
      }
    }
    Run best = run(args(data, "random-per-user", "best").toArray(String[]::new));
    assertThat(best.err(), best.code(), is(0));
    JsonNode j = best.json();
    assertThat(j.get("model").asText(), is(bestModel));
    assertThat(j.get("requested_model").asText(), is("best"));
    assertThat(j.get("validation_score").asDouble(), closeTo(bestScore, 1e-12));
  }

  @Test
  void minRatingZeroKeepsEveryRatingAndMl1mLayoutIsDetected() throws Exception {
    Path latest = movieLens(dir.resolve("latest"), false);
    Path ml1m = movieLens(dir.resolve("ml1m"), true);
    JsonNode all = run(args(latest, "leave-last-out", "popularity", "--min-rating", "0").toArray(String[]::new)).json();
    JsonNode pos = run(args(latest, "leave-last-out", "popularity").toArray(String[]::new)).json();
    long ratings = Files.readAllLines(latest.resolve("ratings.csv")).size() - 1;
    assertThat(all.get("interactions").asLong(), is(ratings)); // every (user, movie) once; no movie below the filter
    assertThat(all.get("min_rating").asDouble(), is(0.0));
    assertThat(pos.get("interactions").asLong(), lessThan(ratings));
    JsonNode dat = run(args(ml1m, "leave-last-out", "popularity", "--min-rating", "0").toArray(String[]::new)).json();
    assertThat(dat.get("layout").asText(), is("ml-1m"));
    assertThat(dat.get("ndcg@10").asDouble(), closeTo(all.get("ndcg@10").asDouble(), 1e-12)); // same data, other layout
  }

  @Test
  void badArgumentsExitWithTwoAndHelpWithZero() {
    Path data = movieLens(dir.resolve("ml"), false);
    assertThat(run("--help").code(), is(0));
    assertThat(run("--data", data.toString()).code(), is(2)); // --protocol missing
    Run unknown = run(args(data, "sideways", "ials").toArray(String[]::new));
    assertThat(unknown.code(), is(2));
    assertThat(unknown.err(), containsString("unknown protocol 'sideways'"));
    assertThat(run(args(data, "random-per-user", "svd").toArray(String[]::new)).code(), is(2));
    assertThat(run(args(data, "random-per-user", "ials", "--ratio", "1.5").toArray(String[]::new)).code(), is(2));
    assertThat(run(args(data, "random-per-user", "ials", "--min-rating", "7").toArray(String[]::new)).code(), is(2));
    Run missing = run(args(dir.resolve("nowhere"), "random-per-user", "ials").toArray(String[]::new));
    assertThat(missing.code(), is(2));
    assertThat(missing.err(), containsString("MovieLens directory not found"));
  }
}
