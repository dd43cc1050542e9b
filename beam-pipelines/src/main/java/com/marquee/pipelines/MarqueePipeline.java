package com.marquee.pipelines;

import com.marquee.common.config.ConfigLoader;
import com.marquee.pipelines.cli.StageCli;
import com.marquee.pipelines.io.StagePaths;
import com.marquee.trainer.Trainer;
import com.marquee.trainer.TrainerPaths;
import com.marquee.trainer.TrainingResult;
import com.marquee.trainer.config.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/pipeline.sh}: the whole offline stage. The Beam stages (preprocess, split, features;
 * {@link OfflineStages#runAll}) run on the chosen runner, then the trainer step (iALS + baselines,
 * evaluation, FAISS index, registry, promote-if-better) runs in this JVM on their output files.
 */
public final class MarqueePipeline {

  private static final Logger LOG = LoggerFactory.getLogger(MarqueePipeline.class);

  private MarqueePipeline() {}

  /** Runs the Beam stages then the trainer for a resolved command line. */
  public static TrainingResult run(StageCli.Invocation inv) throws Exception {
    long t0 = System.nanoTime();
    OfflineStages.runAll(inv.data(), inv.workdir(), inv.options());
    long t1 = System.nanoTime();
    TrainingConfig training =
        ConfigLoader.load(inv.trainingConfig(), TrainingConfig.class).withEnvironment(System.getenv());
    StagePaths stages = StagePaths.of(inv.data(), inv.workdir());
    TrainerPaths paths = new TrainerPaths(stages.inputDir(), stages.processedDir(), stages.featuresDir(),
        inv.workdir().resolve(training.registry().dir()), inv.workdir().resolve(training.registry().production()));
    TrainingResult result = new Trainer(training, paths, inv.data()).run();
    LOG.info("offline pipeline done: Beam stages {} s, trainer {} s", String.format("%.1f", (t1 - t0) / 1e9),
        String.format("%.1f", (System.nanoTime() - t1) / 1e9));
    System.out.println("model " + result.metadata().version() + ": " + result.decision().reason());
    return result;
  }

  public static void main(String[] args) {
    System.exit(StageCli.execute("pipeline.sh",
        "Offline pipeline: preprocess -> split -> features/popularity (Beam) -> train -> evaluate -> "
            + "register -> promote-if-better.",
        (StageCli.Job) MarqueePipeline::run, System.out, System.err, args));
  }
}
