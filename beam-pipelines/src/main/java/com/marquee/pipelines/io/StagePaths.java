package com.marquee.pipelines.io;

import com.marquee.common.config.DataConfig;
import java.nio.file.Path;

/**
 * The files of the offline data stages (SPEC §3), resolved for one run: the raw MovieLens directory
 * and the files preprocess, split and features write.
 *
 * @param inputDir raw MovieLens directory ({@code input.dir}; relative resolves against the current
 *     directory)
 * @param processedDir {@code output.processed_dir} resolved against the work directory
 * @param featuresDir {@code output.features_dir} resolved against the work directory
 */
public record StagePaths(Path inputDir, Path processedDir, Path featuresDir) {

  /** Resolves the config's directories: outputs against {@code workdir}, input as given. */
  public static StagePaths of(DataConfig cfg, Path workdir) {
    return new StagePaths(
        Path.of(cfg.input().dir()).toAbsolutePath().normalize(),
        workdir.resolve(cfg.output().processedDir()).toAbsolutePath().normalize(),
        workdir.resolve(cfg.output().featuresDir()).toAbsolutePath().normalize());
  }

  /** {@code interactions.csv}: implicit feedback after preprocess. */
  public Path interactions() {
    return processedDir.resolve("interactions.csv");
  }

  /** {@code rejects.csv}: raw rows preprocess could not use. */
  public Path rejects() {
    return processedDir.resolve("rejects.csv");
  }

  /** {@code train.csv} of the time split. */
  public Path train() {
    return processedDir.resolve("train.csv");
  }

  /** {@code val.csv} of the time split. */
  public Path val() {
    return processedDir.resolve("val.csv");
  }

  /** {@code test.csv} of the time split. */
  public Path test() {
    return processedDir.resolve("test.csv");
  }

  /** {@code item_features.csv}: every movie of the raw movies file. */
  public Path itemFeatures() {
    return featuresDir.resolve("item_features.csv");
  }

  /** {@code popularity.csv}: movies with at least one interaction. */
  public Path popularity() {
    return featuresDir.resolve("popularity.csv");
  }
}
