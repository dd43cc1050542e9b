package com.marquee.pipelines;

import com.marquee.pipelines.cli.StageCli;
import com.marquee.pipelines.config.DataConfig;
import com.marquee.pipelines.features.FeaturesPipeline;
import com.marquee.pipelines.preprocess.PreprocessPipeline;
import com.marquee.pipelines.split.TimeSplitPipeline;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The Beam part of the offline stage, in order: preprocess, split, features. Each stage is its own
 * pipeline and reads the files the previous one wrote (SPEC §3), so each can also be rerun alone.
 */
public final class OfflineStages {
  private OfflineStages() {}

  /**
   * Runs {@link PreprocessPipeline#run}, {@link TimeSplitPipeline#run} and {@link
   * FeaturesPipeline#run} one after the other with the same config, work directory and options.
   *
   * @throws com.marquee.pipelines.io.InvalidInputException (directly or as the cause of a {@link
   *     org.apache.beam.sdk.Pipeline.PipelineExecutionException}) if an input is missing or unusable
   */
  public static void runAll(DataConfig cfg, Path workdir, PipelineOptions options) {
    PreprocessPipeline.run(cfg, workdir, options);
    TimeSplitPipeline.run(cfg, workdir, options);
    FeaturesPipeline.run(cfg, workdir, options);
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
