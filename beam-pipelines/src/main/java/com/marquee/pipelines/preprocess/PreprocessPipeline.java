package com.marquee.pipelines.preprocess;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.Reject;
import com.marquee.pipelines.cli.StageCli;
import com.marquee.pipelines.cli.Stages;
import com.marquee.pipelines.io.StagePaths;
import com.marquee.pipelines.io.WriteSortedCsv;
import com.marquee.pipelines.movielens.ReadMovieLens;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preprocess stage: raw MovieLens ({@code input.dir}) to {@code <processed_dir>/interactions.csv}
 * ({@code user_id,movie_id,rating,weight,timestamp}, sorted by user_id, movie_id) and {@code
 * <processed_dir>/rejects.csv} ({@code source,line,reason,raw}, sorted by source, line): read
 * ({@link ReadMovieLens}) → {@link PreprocessTransform} → write ({@code WriteSortedCsv}).
 */
public final class PreprocessPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(PreprocessPipeline.class);

  private PreprocessPipeline() {}

  /**
   * Builds, runs and waits for the preprocess pipeline.
   *
   * @param cfg the data config
   * @param workdir base directory of relative output paths
   * @param options Beam options (runner etc.)
   * @throws com.marquee.common.movielens.InvalidInputException if the MovieLens directory or its files
   *     are missing (before running), or a file is unusable as a whole (as the cause of a {@link
   *     Pipeline.PipelineExecutionException})
   */
  public static void run(DataConfig cfg, Path workdir, PipelineOptions options) {
    StagePaths paths = StagePaths.of(cfg, workdir);
    MovieLensLayout layout = MovieLensLayout.resolve(paths.inputDir(), cfg.input().format());
    LOG.info("preprocess: {} ({}) -> {}", paths.inputDir(), layout, paths.processedDir());
    Stages.createDirectories(paths.processedDir());

    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple raw = pipeline.apply("ReadMovieLens", ReadMovieLens.from(paths.inputDir(), layout));
    raw.get(ReadMovieLens.RATINGS)
        .apply("Preprocess", PreprocessTransform.of(cfg.implicit(), cfg.filter()))
        .apply("InteractionsCsv", MapElements.into(TypeDescriptors.strings()).via(Interaction::toCsv))
        .apply("WriteInteractions", WriteSortedCsv.to(paths.interactions().toString(), Interaction.CSV_HEADER, 2));
    raw.get(ReadMovieLens.REJECTS)
        .apply("RejectsCsv", MapElements.into(TypeDescriptors.strings()).via(Reject::toCsv))
        .apply("WriteRejects", WriteSortedCsv.to(paths.rejects().toString(), Reject.CSV_HEADER, 2));
    Stages.runAndWait(pipeline, "preprocess");
    LOG.info(
        "preprocess: {} interactions, {} reject lines",
        Stages.dataLines(paths.interactions()),
        Stages.dataLines(paths.rejects()));
  }

  /** Command line: see {@link StageCli}. */
  public static void main(String[] args) {
    System.exit(
        StageCli.execute(
            "preprocess",
            "Raw MovieLens ratings -> implicit feedback (interactions.csv) + rejects.csv.",
            PreprocessPipeline::run,
            args));
  }
}
