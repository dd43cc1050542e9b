package com.marquee.trainer.evaluate;

import com.marquee.common.config.MovieLensFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * What to evaluate.
 *
 * @param data raw MovieLens directory (any layout)
 * @param format its layout, or AUTO to detect it
 * @param dataConfig configs/data.yaml: implicit conversion, filter and (global-time) split fractions
 * @param trainingConfig configs/training.yaml: iALS and item-kNN defaults, threads
 * @param protocol the protocol
 * @param ratio random-per-user: held-out share of each user's interactions; user-holdout: share of
 *     users held out for test (and as many for validation); in (0, 1)
 * @param heldOutUsers user-holdout: number of test (and validation) users instead of {@code ratio}; 0 = use ratio
 * @param seed seed of the random protocols
 * @param minRating overrides {@code implicit.min_rating} (0 keeps every rating); null = the config's
 * @param model the model, or null for "best" (chosen on validation among all)
 * @param k cutoff of the selection metric {@code ndcg@k}; also evaluated
 * @param tune search iALS and item-kNN hyperparameters on validation (EASE's lambda is always searched unless pinned)
 * @param pinned hyperparameters given on the command line
 * @param fixedSplit the train and test files of a fixed split ({@link Protocol#FIXED} only, else null)
 */
public record EvaluationRequest(
    Path data,
    MovieLensFormat format,
    Path dataConfig,
    Path trainingConfig,
    Protocol protocol,
    double ratio,
    int heldOutUsers,
    long seed,
    Double minRating,
    ModelKind model,
    int k,
    boolean tune,
    Hyperparameters pinned,
    FixedFiles fixedSplit) {

  /**
   * The files of a fixed split.
   *
   * @param train training file: models are fitted on it, validation is carved from it
   * @param test test file, scored once
   * @param format their format
   */
  public record FixedFiles(Path train, Path test, FixedSplitFiles.Format format) {}

  /** The cutoffs every evaluation reports. */
  public static final List<Integer> STANDARD_KS = List.of(10, 20, 50, 100);

  public EvaluationRequest {
    if (k < 1) {
      throw new IllegalArgumentException("--k must be >= 1, got " + k);
    }
    if (heldOutUsers < 0) {
      throw new IllegalArgumentException("--heldout-users must be >= 0, got " + heldOutUsers);
    }
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("--ratio must be in (0, 1), got " + ratio);
    }
    if ((protocol == Protocol.FIXED) != (fixedSplit != null)) {
      throw new IllegalArgumentException("a fixed split needs both --train and --test, and no --protocol");
    }
  }

  /** {@link #STANDARD_KS} and {@code k}, ascending. */
  public List<Integer> ks() {
    TreeSet<Integer> s = new TreeSet<>(STANDARD_KS);
    s.add(k);
    return List.copyOf(s);
  }

  /** The selection metric, {@code ndcg@k}. */
  public String selectionMetric() {
    return "ndcg@" + k;
  }

  /** "best" or the model's name. */
  public String modelName() {
    return model == null ? "best" : model.cliName();
  }
}
