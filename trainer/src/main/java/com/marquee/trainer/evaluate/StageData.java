package com.marquee.trainer.evaluate;

import com.marquee.common.artifact.IdMapping;
import com.marquee.common.domain.Interaction;
import com.marquee.common.metrics.ItemPopularity;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.TrainingData;
import java.util.List;

/**
 * A {@link Stage} as matrices: the catalog is the set of items in {@code fit} (movie ids ascending);
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

  /** Builds the matrices of {@code stage}. @throws IllegalArgumentException if {@code stage.fit()} is empty */
  public static StageData of(Stage stage) {
    if (stage.fit().isEmpty()) {
      throw new IllegalArgumentException("nothing to fit on: the training side of the split is empty");
    }
    IdMapping users = TrainingData.distinctUsers(stage.fit(), List.of());
    IdMapping items = IdMapping.of(stage.fit().stream().mapToLong(Interaction::movieId).distinct().sorted().toArray());
    CsrMatrix fit = TrainingData.toMatrix(stage.fit(), users, items);
    TrainingData.EvalSet eval;
    if (stage.newUsers()) {
      IdMapping evalUsers = TrainingData.distinctUsers(stage.history(), stage.heldOut());
      CsrMatrix history = TrainingData.toMatrix(stage.history(), evalUsers, items);
      CsrMatrix held = TrainingData.toMatrix(stage.heldOut(), evalUsers, items);
      eval = new TrainingData.EvalSet(evalUsers, history, held,
          stage.heldOut().size() - held.nnz() + heldOutWithoutHistory(history, held));
    } else {
      CsrMatrix held = TrainingData.toMatrix(stage.heldOut(), users, items);
      eval = new TrainingData.EvalSet(users, fit, held, stage.heldOut().size() - held.nnz());
    }
    int[] usersPerItem = new int[items.size()];
    for (int c : fit.indices()) {
      usersPerItem[c]++; // CSR rows hold each (user, item) once
    }
    return new StageData(users, items, fit, eval, new ItemPopularity(usersPerItem, users.size()), stage.newUsers());
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
