package com.marquee.pipelines.split;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.pipelines.cli.StageCli;
import com.marquee.pipelines.cli.Stages;
import com.marquee.pipelines.io.ReadInteractions;
import com.marquee.pipelines.io.StagePaths;
import com.marquee.pipelines.io.WriteSortedCsv;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The split stage: {@code <processed_dir>/interactions.csv} to {@code train.csv}, {@code val.csv} and
 * {@code test.csv} in the same directory, same columns, sorted by user_id, movie_id. See {@link
 * TimeSplitTransform}.
 */
public final class TimeSplitPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(TimeSplitPipeline.class);

  private TimeSplitPipeline() {}

  /**
   * Builds, runs and waits for the split pipeline.
   *
   * @throws com.marquee.common.movielens.InvalidInputException if interactions.csv is missing (before
   *     running) or has a malformed line (as the cause of a {@link Pipeline.PipelineExecutionException})
   */
  public static void run(DataConfig cfg, Path workdir, PipelineOptions options) {
    StagePaths paths = StagePaths.of(cfg, workdir);
    Stages.requireFile(paths.interactions(), "run preprocess first");
    LOG.info("split: {} -> train/val/test {}", paths.interactions(), cfg.split());

    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple parts =
        pipeline
            .apply("ReadInteractions", ReadInteractions.from(paths.interactions().toString()))
            .apply("TimeSplit", TimeSplitTransform.of(cfg.split()));
    record Part(String name, TupleTag<Interaction> tag, Path file) {}
    for (Part part :
        List.of(
            new Part("Train", TimeSplitTransform.TRAIN, paths.train()),
            new Part("Val", TimeSplitTransform.VAL, paths.val()),
            new Part("Test", TimeSplitTransform.TEST, paths.test()))) {
      parts.get(part.tag())
          .apply(part.name() + "Csv", MapElements.into(TypeDescriptors.strings()).via(Interaction::toCsv))
          .apply("Write" + part.name(), WriteSortedCsv.to(part.file().toString(), Interaction.CSV_HEADER, 2));
    }
    Stages.runAndWait(pipeline, "split");
    LOG.info(
        "split: train {}, val {}, test {} interactions",
        Stages.dataLines(paths.train()),
        Stages.dataLines(paths.val()),
        Stages.dataLines(paths.test()));
  }

  /** Command line: see {@link StageCli}. */
  public static void main(String[] args) {
    System.exit(
        StageCli.execute(
            "split",
            "Global time split of interactions.csv into train.csv, val.csv, test.csv.",
            TimeSplitPipeline::run,
            args));
  }
}
