package com.marquee.pipelines;

import com.marquee.common.config.DataConfig;
import com.marquee.pipelines.cli.StageCli;
import com.marquee.pipelines.features.FeaturesPipeline;
import com.marquee.pipelines.preprocess.PreprocessPipeline;
import com.marquee.pipelines.split.TimeSplitPipeline;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Beam part of the offline stage, in order: preprocess, split, features. Each stage is its own
 * pipeline and reads the files the previous one wrote (SPEC §3), so each can also be rerun alone.
 */
public final class OfflineStages {
  private static final Logger LOG = LoggerFactory.getLogger(OfflineStages.class);

  private OfflineStages() {}

  /**
   * Runs {@link PreprocessPipeline#run}, {@link TimeSplitPipeline#run} and {@link
   * FeaturesPipeline#run} one after the other with the same config, work directory and options.
   *
   * @throws com.marquee.common.movielens.InvalidInputException (directly or as the cause of a {@link
   *     org.apache.beam.sdk.Pipeline.PipelineExecutionException}) if an input is missing or unusable
   */
  public static void runAll(DataConfig cfg, Path workdir, PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    timed("preprocess", runner, () -> PreprocessPipeline.run(cfg, workdir, options));
    timed("split", runner, () -> TimeSplitPipeline.run(cfg, workdir, options));
    timed("features", runner, () -> FeaturesPipeline.run(cfg, workdir, options));
  }

  /** Runs one stage and logs its wall-clock time (pipeline construction, run and wait). */
  private static void timed(String stage, String runner, Runnable run) {
    long t0 = System.nanoTime();
    run.run();
    LOG.info("stage {} on {}: {} s", stage, runner, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
  }

  /** Command line: see {@link StageCli}. */
  public static void main(String[] args) {
    System.exit(
        StageCli.execute(
            "offline-stages",
            "preprocess -> split -> features over a MovieLens directory.",
            OfflineStages::runAll,
            args));
  }
}
