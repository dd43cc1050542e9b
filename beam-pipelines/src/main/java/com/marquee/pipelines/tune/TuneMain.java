package com.marquee.pipelines.tune;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.pipelines.OfflineStages;
import com.marquee.pipelines.cli.BeamOptions;
import com.marquee.pipelines.io.StagePaths;
import com.marquee.trainer.Trainer;
import com.marquee.trainer.TrainerPaths;
import com.marquee.trainer.TrainingResult;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.StageData;
import com.marquee.trainer.evaluate.IalsValidation;
import com.marquee.trainer.tune.HyperparameterSearch;
import com.marquee.trainer.tune.SearchConfig;
import com.marquee.trainer.tune.TrialResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/tune.sh}: hyperparameter search on the validation split, optionally training the best. */
@Command(name = "tune.sh", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Grid or random search of the iALS hyperparameters (the model: keys of the training config) on the "
            + "validation split only; the test split is never read. Every trial is appended to a JSONL file as it "
            + "ends. The best trial (highest val search.metric, ties to the lowest trial number) is printed as a "
            + "model: block to paste; with --train-best a model is trained with it, registered and promoted if it "
            + "beats production, its model_metadata.json recording the search under hyperparameters.search.",
        "Uses the splits under --workdir (data config output dirs, data/processed by default) and builds them "
            + "from --data with the Beam stages when train.csv or val.csv is missing."},
    footer = "Exit codes: 0 ok, 2 bad arguments/config/input, 1 other failure (also: no trial succeeded).")
public final class TuneMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TuneMain.class);

  @Option(names = "--config", paramLabel = "FILE", description = "training config: every key not searched keeps "
      + "its value (default: ${DEFAULT-VALUE})")
  Path config = Path.of("configs/training.yaml");

  @Option(names = "--search", paramLabel = "FILE", description = "search config (default: ${DEFAULT-VALUE})")
  Path search = Path.of("configs/search.yaml");

  @Option(names = "--strategy", paramLabel = "grid|random", description = "overrides search.strategy")
  String strategy;

  @Option(names = "--trials", paramLabel = "N", description = "overrides search.trials (random only)")
  Integer trials;

  @Option(names = "--seed", paramLabel = "N", description = "overrides search.seed (random sampler)")
  Long seed;

  @Option(names = "--seeds", paramLabel = "LIST", description = "overrides search.seeds: model seeds each trial "
      + "is trained with and averaged over, comma-separated")
  String seeds;

  @Option(names = "--workdir", paramLabel = "DIR", description = "base of the splits, features and registry, like "
      + "'scripts/pipeline.sh --workdir' (default: current directory)")
  Path workdir = Path.of("");

  @Option(names = "--data", paramLabel = "DIR", description = "raw MovieLens directory (overrides input.dir of "
      + "--data-config): split when the splits are missing, hashed into a --train-best model")
  Path data;

  @Option(names = "--data-config", paramLabel = "FILE", description = "data config (default: ${DEFAULT-VALUE})")
  Path dataConfig = Path.of("configs/data.yaml");

  @Option(names = "--out", paramLabel = "FILE", description = "JSONL trial log (default: "
      + "<workdir>/models/search/search-<UTC time>.jsonl)")
  Path out;

  @Option(names = "--resume", description = "continue the search logged in --out: its trials are kept and skipped")
  boolean resume;

  @Option(names = "--parallel", paramLabel = "N", description = "trials run at a time, model.threads shared among "
      + "them; results do not change (default: ${DEFAULT-VALUE})")
  int parallel = 1;

  @Option(names = "--train-best", description = "train the best trial's config with the normal trainer: registry "
      + "version, promote-if-better, search summary in its metadata")
  boolean trainBest;

  /** Where stdout lines go (tests replace it). */
  PrintStream stdout = System.out;

  /** Environment (tests replace it). */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    if (strategy != null) {
      overrides.put("search.strategy", strategy);
    }
    if (trials != null) {
      overrides.put("search.trials", trials.toString());
    }
    if (seed != null) {
      overrides.put("search.seed", seed.toString());
    }
    if (seeds != null) {
      overrides.put("search.seeds", seeds);
    }
    SearchConfig.Search spec = SearchConfig.load(search, env, overrides).search();
    if (trials != null && spec.strategy() == SearchConfig.Strategy.GRID) {
      throw new IllegalArgumentException("--trials applies to random search only (grid runs every combination)");
    }
    HyperparameterSearch hs = new HyperparameterSearch(config, env, spec, IalsValidation::metrics);

    DataConfig dc = ConfigLoader.load(dataConfig, DataConfig.class, env, Map.of());
    if (data != null) {
      dc = dc.withInputDir(data.toAbsolutePath().normalize().toString());
    }
    StagePaths stages = StagePaths.of(dc, workdir);
    boolean built = false;
    if (!Files.isRegularFile(stages.train()) || !Files.isRegularFile(stages.val())) {
      LOG.info("no splits in {}: running the Beam stages on {}", stages.processedDir(), stages.inputDir());
      OfflineStages.runAll(dc, workdir, BeamOptions.create("DirectRunner", List.of()));
      built = true;
    }
    Path log = out != null ? out : workdir.resolve("models/search").resolve("search-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)) + ".jsonl");
    LOG.info("{} search, {} trials, over {}; log {}", spec.strategy().configName(), hs.plan().size(),
        spec.space().keySet(), log);

    HyperparameterSearch.Outcome o = hs.run(StageData.validation(stages.processedDir()), log, parallel, resume);
    stdout.println("search: " + o.planned() + " trials (" + o.succeeded() + " succeeded), log " + log);
    if (o.best() == null) {
      System.err.println("error: no trial succeeded (see the error fields in " + log + ")");
      return ExitCodes.FAILURE;
    }
    stdout.println("top trials by val " + spec.metric() + ":");
    o.trials().stream().filter(TrialResult::ok)
        .sorted(java.util.Comparator.comparingDouble((TrialResult r) -> -r.metric(spec.metric()))
            .thenComparingInt(TrialResult::trial))
        .limit(5)
        .forEach(r -> stdout.println(String.format("  trial %d: %.5f %s", r.trial(), r.metric(spec.metric()),
            r.hyperparameters())));
    stdout.println(String.format("best: trial %d, val %s = %.5f", o.best().trial(), spec.metric(),
        o.best().metric(spec.metric())));
    stdout.println("paste into " + config + ":");
    stdout.print(HyperparameterSearch.yamlBlock(o.best().hyperparameters()));
    if (trainBest) {
      TrainingConfig cfg = hs.config(o.best().hyperparameters(), null).withEnvironment(env);
      TrainerPaths paths = new TrainerPaths(stages.inputDir(), stages.processedDir(), stages.featuresDir(),
          workdir.resolve(cfg.registry().dir()), workdir.resolve(cfg.registry().production()));
      TrainingResult r = new Trainer(cfg, paths, built ? dc : null, hs.summary(o, search)).run();
      stdout.println("model " + r.metadata().version() + ": " + r.decision().reason());
    }
    return ExitCodes.OK;
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new TuneMain(), args));
  }
}
