package com.marquee.trainer.tune;

import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a hyperparameter search may see: the training matrix and the validation split. The test split
 * is never read ({@code test.csv} need not exist), so it cannot leak into the choice of
 * hyperparameters; the trainer reports test metrics only for the model finally trained.
 *
 * @param train {@code (nUsers, nItems)} implicit-feedback matrix of {@code train.csv}
 * @param val the validation set, exactly as {@link TrainingData#val} builds it for the trainer (same
 *     users, history and held-out items, so a trial's metrics equal the trained model's val metrics)
 */
public record ValidationSplits(CsrMatrix train, TrainingData.EvalSet val) {

  /**
   * Reads {@code train.csv} and {@code val.csv} of {@code processedDir} (SPEC §3).
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a row is malformed (file and line named) or train is empty
   */
  public static ValidationSplits load(Path processedDir) throws IOException {
    TrainingData d = TrainingData.of(TrainingData.readSplit(processedDir.resolve("train.csv")),
        TrainingData.readSplit(processedDir.resolve("val.csv")), List.of());
    return new ValidationSplits(d.train(), d.val());
  }
}
