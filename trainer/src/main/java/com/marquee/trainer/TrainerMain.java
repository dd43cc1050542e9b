package com.marquee.trainer;

import com.marquee.common.cli.ExitCodes;
import com.marquee.common.config.ConfigLoader;
import com.marquee.trainer.config.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/train.sh}: only the trainer step, on existing splits and features. */
@Command(name = "train.sh", mixinStandardHelpOptions = true,
    description = "Fits iALS and the baselines on data/processed splits, evaluates them, writes a registry "
        + "version with its FAISS index and promotes it if it beats production.")
public final class TrainerMain implements Callable<Integer> {

  @Option(names = "--config", description = "training config (default: ${DEFAULT-VALUE})")
  Path config = Path.of("configs/training.yaml");

  @Option(names = "--data", description = "raw MovieLens directory, hashed into the model's identity (default: ${DEFAULT-VALUE})")
  Path data = Path.of("data/raw/ml-latest-small");

  @Option(names = "--processed", description = "directory with train.csv, val.csv, test.csv (default: ${DEFAULT-VALUE})")
  Path processed = Path.of("data/processed");

  @Option(names = "--features", description = "directory with item_features.csv, popularity.csv (default: ${DEFAULT-VALUE})")
  Path features = Path.of("data/features");

  @Option(names = "--workdir",
      description = "base of the relative --processed, --features and registry paths, like 'scripts/pipeline.sh --workdir'"
          + " (default: current directory); --config and --data are relative to the current directory")
  Path workdir = Path.of("");

  @Override
  public Integer call() throws Exception {
    TrainingConfig cfg = ConfigLoader.load(config, TrainingConfig.class).withEnvironment(System.getenv());
    TrainingResult r = new Trainer(cfg, paths(cfg, workdir, data, processed, features)).run();
    System.out.println(r.decision().reason());
    return ExitCodes.OK;
  }

  /** Resolves the outputs of earlier stages and the registry against {@code workdir}; {@code raw} as given. */
  public static TrainerPaths paths(TrainingConfig cfg, Path workdir, Path raw, Path processed, Path features) {
    return new TrainerPaths(raw, workdir.resolve(processed), workdir.resolve(features),
        workdir.resolve(cfg.registry().dir()), workdir.resolve(cfg.registry().production()));
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new TrainerMain(), args));
  }
}
