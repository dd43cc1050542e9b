package com.marquee.trainer.tune;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.config.ConfigException;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.TrainerTest;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.StageData;
import com.marquee.trainer.evaluate.IalsValidation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches on the small generated splits of {@link TrainerTest}, with {@code test.csv} deleted. */
class HyperparameterSearchTest {

  @TempDir Path dir;
  Path trainingYaml;
  StageData data;

  @BeforeEach
  void setUp() throws Exception {
    TrainerTest.writeInputs(dir);
    // The search must not need the test split: without test.csv any read of it would fail.
    Files.delete(dir.resolve("processed/test.csv"));
    trainingYaml = dir.resolve("training.yaml");
    Files.writeString(trainingYaml, ConfigLoader.toYaml(TrainerTest.smallConfig(TrainingConfig.Mlflow.OFF)));
    data = StageData.validation(dir.resolve("processed"));
  }

  static SearchConfig.Search spec(SearchConfig.Strategy strategy, int trials, String space) throws Exception {
    Map<String, JsonNode> s = SearchSpaceTest.spec(space);
    return new SearchConfig.Search(strategy, trials, 7, "ndcg@10", List.of(), s);
  }

  @Test
  void gridLogsOneLinePerPointWithTheExpectedKeysAndPicksTheArgmax() throws Exception {
    HyperparameterSearch hs = new HyperparameterSearch(trainingYaml, Map.of(),
        spec(SearchConfig.Strategy.GRID, 1, "factors: [2, 4]\nregularization: [0.1, 5.0]\nalpha: [1.0, 20.0]\n"),
        IalsValidation::metrics);
    Path log = dir.resolve("out/trials.jsonl");
    HyperparameterSearch.Outcome o = hs.run(data, log, 1, false);

    List<String> lines = Files.readAllLines(log);
    assertThat(lines.size(), is(8));
    List<TrialResult> logged = TrialLog.read(log, false);
    for (int i = 0; i < 8; i++) {
      JsonNode line = TrialLog.JSON.readTree(lines.get(i));
      List<String> keys = new ArrayList<>();
      line.fieldNames().forEachRemaining(keys::add);
      assertThat(keys, is(List.of("trial", "status", "hyperparameters", "seeds", "val", "seconds")));
      assertThat(line.get("trial").asInt(), is(i + 1));
      assertThat(line.get("status").asText(), is("ok"));
      assertThat(line.get("seeds").toString(), is("[1]")); // the config's model.seed
      assertThat(line.get("val").has("ndcg@10") && line.get("val").has("recall@10") && line.get("val").has("users"), is(true));
      assertThat(logged.get(i).hyperparameters(), is(hs.plan().get(i)));
    }
    assertThat(logged.stream().map(TrialResult::hyperparameters).toList(), is(hs.plan()));

    TrialResult argmax = logged.stream()
        .max(Comparator.comparingDouble((TrialResult r) -> r.val().get("ndcg@10"))
            .thenComparing(Comparator.comparingInt(TrialResult::trial).reversed()))
        .orElseThrow();
    assertThat(o.best().trial(), is(argmax.trial()));
    assertThat(o.best().metric("ndcg@10"), is(argmax.val().get("ndcg@10")));
    // The trials differ, so the choice means something on this data.
    assertThat(logged.stream().map(r -> r.val().get("ndcg@10")).distinct().count(), greaterThan(1L));
  }

  @Test
  void aTrialsValidationMetricsAreThoseOfItsConfigAndDoNotDependOnParallelism() throws Exception {
    SearchConfig.Search spec = spec(SearchConfig.Strategy.RANDOM, 4,
        "factors: [2, 3, 4]\nalpha: {log_uniform: [0.5, 30]}\nregularization: {log_uniform: [0.01, 10]}\n");
    HyperparameterSearch hs = new HyperparameterSearch(trainingYaml, Map.of(), spec, IalsValidation::metrics);
    HyperparameterSearch.Outcome one = hs.run(data, dir.resolve("one.jsonl"), 1, false);
    HyperparameterSearch.Outcome two = hs.run(data, dir.resolve("two.jsonl"), 2, false);
    assertThat(Files.readAllLines(dir.resolve("two.jsonl")).size(), is(4));
    for (int i = 0; i < 4; i++) {
      assertThat(two.trials().get(i).trial(), is(i + 1));
      assertThat(two.trials().get(i).val(), is(one.trials().get(i).val()));
      assertThat(one.trials().get(i).val(),
          is(IalsValidation.metrics(hs.config(hs.plan().get(i), null), data)));
    }
    TrainingConfig third = hs.config(hs.plan().get(2), null);
    assertThat(third.model().alpha(), is(hs.plan().get(2).get("alpha")));
    assertThat(third.model().iterations(), is(5)); // not searched: the file's value
  }

  @Test
  void withSeveralSeedsATrialsMetricsAreTheMeanOverThemAndEachSeedIsLogged() throws Exception {
    SearchConfig.Search spec = new SearchConfig.Search(SearchConfig.Strategy.GRID, 1, 7, "ndcg@10",
        List.of(3L, 1L, 8L), SearchSpaceTest.spec("factors: [3]\nalpha: [2.0, 15.0]\n"));
    HyperparameterSearch hs = new HyperparameterSearch(trainingYaml, Map.of(), spec, IalsValidation::metrics);
    HyperparameterSearch.Outcome o = hs.run(data, dir.resolve("seeds.jsonl"), 1, false);
    assertThat(o.trials().size(), is(2));
    for (TrialResult r : o.trials()) {
      assertThat(r.seeds(), is(List.of(3L, 1L, 8L)));
      List<Map<String, Double>> expected = new ArrayList<>();
      for (long seed : List.of(3L, 1L, 8L)) {
        Map<String, Object> hp = new java.util.LinkedHashMap<>(r.hyperparameters());
        hp.put("seed", seed);
        expected.add(IalsValidation.metrics(hs.config(hp, null), data));
      }
      assertThat(r.valPerSeed(), is(expected));
      double ndcg = (expected.get(0).get("ndcg@10") + expected.get(1).get("ndcg@10") + expected.get(2).get("ndcg@10")) / 3;
      assertThat(r.metric("ndcg@10"), is(ndcg));
      assertThat(r.metric("users"), is(expected.get(0).get("users")));
    }
    assertThat(TrialLog.read(dir.resolve("seeds.jsonl"), false).get(0).valPerSeed().size(), is(3));
    assertThat(hs.summary(o, dir).get("model_seeds"), is(List.of(3L, 1L, 8L)));

    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new SearchConfig.Search(
        SearchConfig.Strategy.GRID, 1, 7, "ndcg@10", List.of(1L), SearchSpaceTest.spec("seed: [1, 2]\n")));
    assertThat(both.getMessage(), containsString("search.seeds and search.space.seed both set the model seed"));
  }

  @Test
  void resumeKeepsLoggedTrialsAndRerunsOnlyTheRestIncludingAHalfWrittenLine() throws Exception {
    SearchConfig.Search spec = spec(SearchConfig.Strategy.RANDOM, 3, "factors: [2, 4]\nalpha: {uniform: [1, 10]}\n");
    HyperparameterSearch hs = new HyperparameterSearch(trainingYaml, Map.of(), spec, IalsValidation::metrics);
    Path full = dir.resolve("full.jsonl");
    hs.run(data, full, 1, false);
    List<String> lines = Files.readAllLines(full);

    // A search killed while writing its third line.
    Path crashed = dir.resolve("crashed.jsonl");
    Files.writeString(crashed, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 20),
        StandardCharsets.UTF_8);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> hs.run(data, crashed, 1, false));
    assertThat(refused.getMessage(), containsString("already has trials: pass --resume"));

    HyperparameterSearch.Outcome resumed = hs.run(data, crashed, 1, true);
    List<String> after = Files.readAllLines(crashed);
    assertThat(after.size(), is(3));
    assertThat(after.subList(0, 2), is(lines.subList(0, 2)));
    assertThat(TrialLog.read(crashed, false).get(2).val(), is(TrialLog.read(full, false).get(2).val()));
    assertThat(resumed.trials().size(), is(3));

    // Another plan must not mix into this file.
    HyperparameterSearch other = new HyperparameterSearch(trainingYaml, Map.of(),
        spec(SearchConfig.Strategy.RANDOM, 3, "factors: [3]\nalpha: {uniform: [1, 10]}\n"), IalsValidation::metrics);
    IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> other.run(data, crashed, 1, true));
    assertThat(mixed.getMessage(), containsString("is not trial 1 of this search"));
  }

  @Test
  void bestIsTheHighestSucceededValueWithTiesToTheLowestTrial() {
    List<TrialResult> trials = List.of(
        trial(1, TrialResult.OK, 0.20), trial(2, TrialResult.OK, 0.30), trial(3, TrialResult.FAILED, 0.99),
        trial(4, TrialResult.OK, 0.30), trial(5, TrialResult.OK, Double.NaN));
    assertThat(HyperparameterSearch.best(trials, "ndcg@10").trial(), is(2));
    assertThat(HyperparameterSearch.best(List.of(trial(4, "ok", 0.3), trial(2, "ok", 0.3)), "ndcg@10").trial(), is(2));
    assertThat(HyperparameterSearch.best(List.of(trial(1, TrialResult.FAILED, 0.5)), "ndcg@10"), is((TrialResult) null));
  }

  private static TrialResult trial(int n, String status, double ndcg) {
    return new TrialResult(n, status, Map.of("factors", n), List.of(1L), Map.of("ndcg@10", ndcg), 0.1, null, null);
  }

  @Test
  void invalidValuesAndMetricsFailBeforeAnyTrialRuns() throws Exception {
    ConfigException bad = assertThrows(ConfigException.class, () -> new HyperparameterSearch(trainingYaml, Map.of(),
        spec(SearchConfig.Strategy.GRID, 1, "factors: [2]\nregularization: [1.0, -1.0]\n"), IalsValidation::metrics));
    assertThat(bad.getMessage(), containsString("search.space.regularization: value -1.0 is not accepted"));
    assertThat(bad.getMessage(), containsString("model.regularization must be >= 0, got -1.0"));
    ConfigException range = assertThrows(ConfigException.class, () -> new HyperparameterSearch(trainingYaml, Map.of(),
        spec(SearchConfig.Strategy.RANDOM, 3, "factors: {uniform: [0, 8]}\n"), IalsValidation::metrics));
    assertThat(range.getMessage(), containsString("search.space.factors: value 0 is not accepted"));
    IllegalArgumentException metric = assertThrows(IllegalArgumentException.class, () -> new HyperparameterSearch(
        trainingYaml, Map.of(), new SearchConfig.Search(SearchConfig.Strategy.GRID, 1, 7, "ndcg@50", List.of(),
            SearchSpaceTest.spec("factors: [2]\n")), IalsValidation::metrics));
    assertThat(metric.getMessage(), containsString("search.metric ndcg@50 is not computed with evaluation.ks [5, 10]"));
    assertThrows(IllegalArgumentException.class, () -> new HyperparameterSearch(trainingYaml, Map.of(),
        spec(SearchConfig.Strategy.GRID, 1, "alpha: {uniform: [1, 2]}\n"), IalsValidation::metrics));
  }

  @Test
  void environmentOverridesOfTheTrainingConfigApplyButTheTrialWins() throws Exception {
    HyperparameterSearch hs = new HyperparameterSearch(trainingYaml,
        Map.of("MARQUEE_MODEL_ITERATIONS", "3", "MARQUEE_MODEL_FACTORS", "9"),
        spec(SearchConfig.Strategy.GRID, 1, "factors: [2]\n"), IalsValidation::metrics);
    TrainingConfig c = hs.config(hs.plan().get(0), 1);
    assertThat(c.model().iterations(), is(3));
    assertThat(c.model().factors(), is(2));
    assertThat(c.model().threads(), is(1));
    assertThat(hs.summary(new HyperparameterSearch.Outcome(List.of(), null, 1, dir.resolve("x.jsonl")), dir),
        hasKey("best_hyperparameters"));
  }
}
