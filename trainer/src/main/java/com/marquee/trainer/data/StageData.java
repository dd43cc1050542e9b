package com.marquee.trainer.data;

import com.marquee.common.artifact.IdMapping;
import com.marquee.common.domain.Interaction;
import com.marquee.common.metrics.ItemPopularity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One fit/evaluate stage as matrices, the one data type every model fit and validation works on: an
 * evaluation protocol's stage ({@code trainer/evaluate}, built by {@link #of}) or the Beam stages'
 * train/validation split ({@link #validation}, read by {@code scripts/tune.sh}'s search).
 *
 * <p>For a protocol stage: the catalog is the set of items in {@code fit} (movie ids ascending);
 * the fitted matrix has the users of {@code fit} as rows. The evaluation set has the fit users as rows
 * when the stage evaluates known users (then its history is the fit matrix itself, so a model's
 * trained user row {@code u} is evaluation row {@code u}), else the held-out users.
 *
 * <p>Held-out interactions of users without history, or on items absent from {@code fit}, cannot be
 * scored (cold start) and are dropped; history interactions on such items are ignored.
 *
 * @param users fit users (rows of {@code fit})
 * @param items catalog (columns of every matrix)
 * @param fit {@code (nFitUsers, nItems)} implicit-feedback matrix to fit models on
 * @param eval the evaluation set (rows: {@code eval.users()})
 * @param popularity share of fit users who interacted with each item, for novelty
 * @param newUsers whether the evaluated users are absent from {@code fit}
 */
public record StageData(
    IdMapping users, IdMapping items, CsrMatrix fit, TrainingData.EvalSet eval, ItemPopularity popularity,
    boolean newUsers) {

  /**
   * Builds the matrices of a stage.
   *
   * @param fitInteractions what models are fitted on
   * @param history the evaluated users' known interactions when they are new users (else unused: the
   *     history is the fit matrix)
   * @param heldOut what is scored
   * @param newUsers whether the evaluated users are absent from {@code fitInteractions}
   * @throws IllegalArgumentException if {@code fitInteractions} is empty
   */
  public static StageData of(List<Interaction> fitInteractions, List<Interaction> history, List<Interaction> heldOut,
      boolean newUsers) {
    return of(fitInteractions, history, heldOut, newUsers, false);
  }

  /**
   * As {@link #of(List, List, List, boolean)}; with {@code countUnrankable}, held-out interactions of
   * evaluated users on items absent from {@code fitInteractions} are counted per user in {@link
   * TrainingData.EvalSet#unrankable} (relevant, never hit) instead of being dropped.
   *
   * @throws IllegalArgumentException if {@code fitInteractions} is empty, or {@code countUnrankable}
   *     with {@code newUsers} (not supported)
   */
  public static StageData of(List<Interaction> fitInteractions, List<Interaction> history, List<Interaction> heldOut,
      boolean newUsers, boolean countUnrankable) {
    if (fitInteractions.isEmpty()) {
      throw new IllegalArgumentException("nothing to fit on: the training side of the split is empty");
    }
    IdMapping users = TrainingData.distinctUsers(fitInteractions, List.of());
    IdMapping items = IdMapping.of(fitInteractions.stream().mapToLong(Interaction::movieId).distinct().sorted().toArray());
    CsrMatrix fit = TrainingData.toMatrix(fitInteractions, users, items);
    TrainingData.EvalSet eval;
    if (newUsers) {
      IdMapping evalUsers = TrainingData.distinctUsers(history, heldOut);
      CsrMatrix known = TrainingData.toMatrix(history, evalUsers, items);
      CsrMatrix held = TrainingData.toMatrix(heldOut, evalUsers, items);
      if (countUnrankable) {
        throw new IllegalArgumentException("unrankable held-out items are counted for stages of known users only");
      }
      eval = new TrainingData.EvalSet(evalUsers, known, held,
          heldOut.size() - held.nnz() + heldOutWithoutHistory(known, held));
    } else {
      CsrMatrix held = TrainingData.toMatrix(heldOut, users, items);
      int[] unrankable = countUnrankable ? unrankable(heldOut, users, items) : null;
      eval = new TrainingData.EvalSet(users, fit, held, heldOut.size() - held.nnz() - sum(unrankable), unrankable);
    }
    return new StageData(users, items, fit, eval, popularity(fit, items.size(), users.size()), newUsers);
  }

  /**
   * The Beam stages' {@code train.csv} (fit) and {@code val.csv} (evaluated, known users) of {@code
   * processedDir} (SPEC §3): what a hyperparameter search may see. The test split is never read
   * ({@code test.csv} need not exist), so it cannot leak into the choice of hyperparameters. The
   * evaluation set is exactly {@link TrainingData#val}'s, so a trial's metrics equal the trained
   * model's val metrics.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a row is malformed (file and line named) or train is empty
   */
  public static StageData validation(Path processedDir) throws IOException {
    TrainingData d = TrainingData.of(TrainingData.readSplit(processedDir.resolve("train.csv")),
        TrainingData.readSplit(processedDir.resolve("val.csv")), List.of());
    ItemPopularity popularity = popularity(d.train(), d.items().size(), d.users().size());
    return new StageData(d.users(), d.items(), d.train(), d.val(), popularity, false);
  }

  private static ItemPopularity popularity(CsrMatrix fit, int items, int users) {
    int[] usersPerItem = new int[items];
    for (int c : fit.indices()) {
      usersPerItem[c]++; // CSR rows hold each (user, item) once
    }
    return new ItemPopularity(usersPerItem, users);
  }

  /** Per row of {@code users}: held-out interactions of that user on items not in {@code items}. */
  private static int[] unrankable(List<Interaction> heldOut, IdMapping users, IdMapping items) {
    int[] n = new int[users.size()];
    for (Interaction i : heldOut) {
      int u = users.rowOf(i.userId());
      if (u >= 0 && items.rowOf(i.movieId()) < 0) {
        n[u]++;
      }
    }
    return n;
  }

  private static long sum(int[] counts) {
    long s = 0;
    if (counts != null) {
      for (int c : counts) {
        s += c;
      }
    }
    return s;
  }

  /** Held-out entries of rows whose history is empty (they are skipped by the evaluator). */
  private static long heldOutWithoutHistory(CsrMatrix history, CsrMatrix held) {
    long n = 0;
    for (int u = 0; u < held.rows(); u++) {
      if (history.rowLength(u) == 0) {
        n += held.rowLength(u);
      }
    }
    return n;
  }
}
