package com.marquee.pipelines.tune;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.marquee.common.artifact.ModelMetadata;
import com.marquee.common.cli.ExitCodes;
import com.marquee.trainer.evaluate.IalsValidation;
import com.marquee.trainer.tune.HyperparameterSearch;
import com.marquee.trainer.tune.SearchConfig;
import com.marquee.trainer.tune.TrialLog;
import com.marquee.trainer.tune.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/tune.sh} end to end on a small generated MovieLens directory (ml-latest layout; the
 * bundled ml-latest-small takes minutes through the Beam stages on a loaded machine, and the real search
 * on it is in docs/TUNING.md): Beam stages build the missing splits, a two-trial random search runs on
 * validation, the best trial is trained, registered and promoted, and its metadata records the search.
 */
class TuneMainTest {

  static final Path TRAINING_YAML = Path.of("../configs/training.yaml");
  static final Path DATA_YAML = Path.of("../configs/data.yaml");

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private int tune(Map<String, String> env, String... args) {
    TuneMain m = new TuneMain();
    m.env = env;
    m.stdout = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    return ExitCodes.execute(m, args);
  }

  @Test
  void buildsTheSplitsSearchesOnValidationAndTrainsTheBestWithTheSearchInItsMetadata() throws Exception {
    Path search = dir.resolve("search.yaml");
    Files.writeString(search, """
        search:
          strategy: grid
          trials: 1
          seed: 3
          metric: ndcg@10
          seeds: []
          extend_edges: 0
          space:
            factors: [4, 8]
            alpha: {log_uniform: [0.5, 5]}
        """);
    Path raw = writeRawMovieLens(dir.resolve("raw"));
    Path workdir = dir.resolve("work");
    Path log = dir.resolve("trials.jsonl");
    // Small, fast iALS for the test: the environment overrides the file, the trial overrides both.
    Map<String, String> env = Map.of("MARQUEE_MODEL_ITERATIONS", "2", "MARQUEE_BASELINES_ITEMKNN_NEIGHBORS", "5");
    int code = tune(env, "--config", TRAINING_YAML.toString(), "--search", search.toString(), "--strategy", "random",
        "--trials", "2", "--workdir", workdir.toString(), "--data", raw.toString(), "--data-config",
        DATA_YAML.toString(), "--out", log.toString(), "--train-best");
    assertThat(code, is(ExitCodes.OK));
    assertThat(Files.exists(workdir.resolve("data/processed/test.csv")), is(true)); // built by the Beam stages

    List<TrialResult> trials = TrialLog.read(log, false);
    assertThat(trials.size(), is(2));
    TrialResult best = HyperparameterSearch.best(trials, "ndcg@10");
    String out = stdout.toString(StandardCharsets.UTF_8);
    assertThat(out, containsString("search: 2 trials (2 succeeded), log " + log));
    assertThat(out, containsString(String.format("best: trial %d, val ndcg@10 = %.5f", best.trial(), best.metric("ndcg@10"))));
    assertThat(out, containsString("model:\n  factors: " + best.hyperparameters().get("factors") + "\n  alpha: "
        + best.hyperparameters().get("alpha") + "\n"));
    assertThat(out, containsString("promoted: first model"));

    ModelMetadata meta = ModelMetadata.read(workdir.resolve("models/production/model_metadata.json"));
    assertThat(meta.hyperparameters().get("factors"), is(best.hyperparameters().get("factors")));
    assertThat(meta.hyperparameters().get("alpha"), is(best.hyperparameters().get("alpha")));
    assertThat(meta.hyperparameters().get("iterations"), is(2));
    // The trainer's own val evaluation of the model reproduces the trial's number exactly.
    assertThat(meta.metric("ials", "val", "ndcg@10"), is(best.metric("ndcg@10")));
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) meta.hyperparameters().get("search");
    assertThat(s.get("strategy"), is("random"));
    assertThat(s.get("trials"), is(2));
    assertThat(s.get("seed"), is(3));
    assertThat(s.get("best_trial"), is(best.trial()));
    assertThat(s.get("best_val"), is(best.metric("ndcg@10")));
    assertThat(s.get("best_hyperparameters"), is(best.hyperparameters()));
    assertThat(s.get("results"), is(log.toAbsolutePath().normalize().toString()));

    // Same search again into the same file: refused unless resumed; resumed, nothing is rerun.
    assertThat(tune(env, "--config", TRAINING_YAML.toString(), "--search", search.toString(), "--strategy", "random",
        "--trials", "2", "--workdir", workdir.toString(), "--data-config", DATA_YAML.toString(), "--out",
        log.toString()), is(ExitCodes.BAD_INPUT));
    assertThat(tune(env, "--config", TRAINING_YAML.toString(), "--search", search.toString(), "--strategy", "random",
        "--trials", "2", "--workdir", workdir.toString(), "--data-config", DATA_YAML.toString(), "--out",
        log.toString(), "--resume"), is(ExitCodes.OK));
    assertThat(Files.readAllLines(log).size(), is(2));
  }

  @Test
  void badArgumentsAndConfigsExitWithTwo() throws Exception {
    Path search = dir.resolve("search.yaml");
    Files.writeString(search, "search:\n  strategy: grid\n  trials: 1\n  seed: 1\n  metric: ndcg@10\n  seeds: []\n"
        + "  extend_edges: 0\n  space:\n    factors: [4]\n");
    String[] common = {"--config", TRAINING_YAML.toString(), "--search", search.toString(), "--workdir", dir.toString(),
        "--data-config", DATA_YAML.toString()};
    assertThat(tune(Map.of(), concat(common, "--trials", "3")), is(ExitCodes.BAD_INPUT));
    assertThat(tune(Map.of(), concat(common, "--strategy", "bayes")), is(ExitCodes.BAD_INPUT));
    assertThat(tune(Map.of(), concat(common, "--parallel", "0")), is(ExitCodes.BAD_INPUT));
    assertThat(tune(Map.of(), concat(common, "--seeds", "1,1")), is(ExitCodes.BAD_INPUT));
    assertThat(tune(Map.of(), concat(common, "--bogus")), is(ExitCodes.BAD_INPUT));
    assertThat(tune(Map.of("MARQUEE_SEARCH_SPACE_FACTORS", "0"), common), is(ExitCodes.BAD_INPUT));
    Files.writeString(search, "search:\n  strategy: grid\n  trials: 1\n  seed: 1\n  metric: ndcg@10\n  seeds: []\n"
        + "  extend_edges: 0\n  extra: 1\n"
        + "  space:\n    factors: [4]\n");
    assertThat(tune(Map.of(), common), is(ExitCodes.BAD_INPUT));
    assertThat(tune(Map.of(), "--help"), is(ExitCodes.OK));
  }

  @Test
  void theShippedSearchConfigsAreValidForTheShippedTrainingConfig() {
    for (String name : List.of("search.yaml", "search-rendle.yaml")) {
      SearchConfig.Search spec = SearchConfig.load(Path.of("../configs").resolve(name), Map.of(), Map.of()).search();
      // checks every key and extreme
      HyperparameterSearch hs = new HyperparameterSearch(TRAINING_YAML, Map.of(), spec, IalsValidation::metrics);
      assertThat(name, hs.plan().size(), is(spec.trials()));
    }
  }

  /**
   * ratings.csv + movies.csv of 60 users in 3 taste groups over 30 movies: 4.5 stars on most of the
   * group's movies, 2 stars (dropped as not positive) on a few others; times spread over the whole
   * period so every user has training history before the validation and test periods.
   */
  static Path writeRawMovieLens(Path raw) throws Exception {
    java.util.Random rnd = new java.util.Random(9);
    StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int u = 1; u <= 60; u++) {
      for (int m = 1; m <= 30; m++) {
        if (m % 3 == u % 3 && rnd.nextDouble() < 0.8) {
          ratings.append(u).append(',').append(m).append(",4.5,").append(1_000_000 + rnd.nextInt(1_000_000)).append('\n');
        } else if (rnd.nextDouble() < 0.1) {
          ratings.append(u).append(',').append(m).append(",2.0,").append(1_000_000 + rnd.nextInt(1_000_000)).append('\n');
        }
      }
    }
    StringBuilder movies = new StringBuilder("movieId,title,genres\n");
    for (int m = 1; m <= 30; m++) {
      movies.append(m).append(",Movie ").append(m).append(" (").append(1990 + m).append("),Drama|Comedy\n");
    }
    Files.createDirectories(raw);
    Files.writeString(raw.resolve("ratings.csv"), ratings);
    Files.writeString(raw.resolve("movies.csv"), movies);
    return raw;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
