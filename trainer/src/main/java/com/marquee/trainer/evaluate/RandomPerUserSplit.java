package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stratified per-user random split: each user with {@code n >= 2} interactions has {@code
 * heldOutCount(n, ratio)} = round(ratio * n) clamped to [1, n - 1] of them held out, chosen uniformly
 * at random; users with one interaction stay whole on the training side. So every evaluated user keeps
 * at least one training interaction and has at least one held-out one, and the held-out share of
 * every user is as close to {@code ratio} as the integer counts allow (Java's {@link Math#round},
 * halves up: n = 5 at 0.1 holds out 1).
 *
 * <p>Determinism: a user's interactions are ordered by movie_id, then shuffled by a generator seeded
 * from (seed, user id) only ({@code UserGroups.forUser}), and the first {@code heldOutCount} are held
 * out. The same seed and data give the same split; a user's split does not depend on other users.
 */
public final class RandomPerUserSplit {

  private RandomPerUserSplit() {}

  /** Held-out interactions of a user with {@code n} interactions; 0 when {@code n < 2}. */
  public static int heldOutCount(int n, double ratio) {
    if (n < 2) {
      return 0;
    }
    return (int) Math.max(1, Math.min(n - 1, Math.round(ratio * n)));
  }

  /** Splits {@code interactions}; both sides listed users ascending. @throws IllegalArgumentException unless 0 < ratio < 1 */
  static Part split(List<Interaction> interactions, double ratio, long seed) {
    checkRatio(ratio);
    List<Interaction> kept = new ArrayList<>();
    List<Interaction> held = new ArrayList<>();
    UserGroups.byUser(interactions).forEach((user, list) -> {
      Part p = splitUser(user, list, ratio, seed);
      kept.addAll(p.kept());
      held.addAll(p.heldOut());
    });
    return new Part(kept, held);
  }

  /** One user's split (also used for the fold-in/held-out split of user-holdout). */
  static Part splitUser(long userId, List<Interaction> list, double ratio, long seed) {
    List<Interaction> order = new ArrayList<>(list);
    order.sort(Comparator.comparingLong(Interaction::movieId).thenComparingLong(Interaction::timestamp));
    UserGroups.shuffle(order, UserGroups.forUser(seed, userId));
    int h = heldOutCount(order.size(), ratio);
    List<Interaction> held = new ArrayList<>(order.subList(0, h));
    List<Interaction> kept = new ArrayList<>(order.subList(h, order.size()));
    held.sort(Comparator.comparingLong(Interaction::movieId));
    kept.sort(Comparator.comparingLong(Interaction::movieId));
    return new Part(kept, held);
  }

  /**
   * Test: {@code ratio} of each user's interactions (seed {@code seed}). Validation: the same split
   * of the training part with seed {@code seed + 1}.
   */
  public static ProtocolSplit protocol(List<Interaction> interactions, double ratio, long seed) {
    Part outer = split(interactions, ratio, seed);
    Part inner = split(outer.kept(), ratio, seed + 1);
    return new ProtocolSplit(Stage.knownUsers(inner.kept(), inner.heldOut()),
        Stage.knownUsers(outer.kept(), outer.heldOut()));
  }

  static void checkRatio(double ratio) {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("--ratio must be in (0, 1), got " + ratio);
    }
  }
}
