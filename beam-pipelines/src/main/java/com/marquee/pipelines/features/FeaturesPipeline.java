package com.marquee.pipelines.features;

import com.marquee.common.config.DataConfig;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.pipelines.cli.StageCli;
import com.marquee.pipelines.cli.Stages;
import com.marquee.pipelines.io.ReadInteractions;
import com.marquee.pipelines.io.StagePaths;
import com.marquee.pipelines.io.WriteSortedCsv;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The features stage: the raw movies file and {@code <processed_dir>/interactions.csv} to {@code
 * <features_dir>/item_features.csv} ({@code movie_id,title,year,genres}) and {@code
 * <features_dir>/popularity.csv} ({@code movie_id,count,score,trending_score,genre_ranks}), both
 * sorted by movie_id. See {@link FeaturesTransform}.
 */
public final class FeaturesPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesPipeline.class);

  private FeaturesPipeline() {}

  /**
   * Builds, runs and waits for the features pipeline.
   *
   * @throws com.marquee.common.movielens.InvalidInputException if the MovieLens directory or
   *     interactions.csv is missing (before running), or an input is unusable as a whole (as the
   *     cause of a {@link Pipeline.PipelineExecutionException})
   */
  public static void run(DataConfig cfg, Path workdir, PipelineOptions options) {
    StagePaths paths = StagePaths.of(cfg, workdir);
    MovieLensLayout layout = MovieLensLayout.resolve(paths.inputDir(), cfg.input().format());
    Stages.requireFile(paths.interactions(), "run preprocess first");
    LOG.info("features: {} ({}) + {} -> {}", paths.inputDir(), layout, paths.interactions(), paths.featuresDir());
    Stages.createDirectories(paths.featuresDir());

    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple out =
        pipeline
            .apply("ReadInteractions", ReadInteractions.from(paths.interactions().toString()))
            .apply("Features", FeaturesTransform.of(paths.inputDir(), layout, cfg.popularity()));
    out.get(FeaturesTransform.ITEM_FEATURES)
        .apply("ItemFeaturesCsv", MapElements.into(TypeDescriptors.strings()).via(ItemFeatures::toCsv))
        .apply("WriteItemFeatures", WriteSortedCsv.to(paths.itemFeatures().toString(), ItemFeatures.CSV_HEADER, 1));
    out.get(FeaturesTransform.POPULARITY)
        .apply("PopularityCsv", MapElements.into(TypeDescriptors.strings()).via(PopularityRow::toCsv))
        .apply("WritePopularity", WriteSortedCsv.to(paths.popularity().toString(), PopularityRow.CSV_HEADER, 1));
    Stages.runAndWait(pipeline, "features");
    LOG.info(
        "features: {} item feature rows, {} popularity rows",
        Stages.dataLines(paths.itemFeatures()),
        Stages.dataLines(paths.popularity()));
  }

  /** Command line: see {@link StageCli}. */
  public static void main(String[] args) {
    System.exit(
        StageCli.execute(
            "features",
            "Movies + interactions.csv -> item_features.csv, popularity.csv.",
            FeaturesPipeline::run,
            args));
  }
}
