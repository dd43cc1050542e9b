package com.marquee.trainer.data;

import com.marquee.common.artifact.IdMapping;
import com.marquee.common.domain.Interaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Every cleaned interaction of the three splits as one implicit-feedback matrix: what the served
 * model is refit on after evaluation (see {@code serving.fit} in {@code configs/training.yaml}).
 *
 * <p>Users and items are those with at least one interaction in any split, each mapping sorted by
 * external id. The splits partition the cleaned interactions (one row per user and movie after the
 * preprocess stage), so no pair appears twice.
 *
 * @param users external user id to row of {@code matrix}
 * @param items external movie id to column of {@code matrix}
 * @param matrix {@code (users.size(), items.size())} implicit-feedback matrix, values = confidence weights
 */
public record InteractionMatrix(IdMapping users, IdMapping items, CsrMatrix matrix) {

  /**
   * The matrix of the union of {@code parts}.
   *
   * @throws IllegalArgumentException if every part is empty
   */
  @SafeVarargs
  public static InteractionMatrix of(List<Interaction>... parts) {
    List<Interaction> all = new ArrayList<>();
    for (List<Interaction> p : parts) {
      all.addAll(p);
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no interactions to fit the served model on");
    }
    IdMapping users = TrainingData.distinctUsers(all, List.of());
    IdMapping items = IdMapping.of(all.stream().mapToLong(Interaction::movieId).distinct().sorted().toArray());
    return new InteractionMatrix(users, items, TrainingData.toMatrix(all, users, items));
  }
}
