package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Strong generalization (Liang, Krishnan, Hoffman, Jebara, "Variational Autoencoders for
 * Collaborative Filtering", WWW 2018, §4.2): users, not interactions, are held out. The users (ids
 * ascending) are shuffled with {@code seed}; the first N are test users, the next N validation users,
 * the rest training users. Models are fitted on training users only; each held-out user's
 * interactions are split per user at random ({@link RandomPerUserSplit#splitUser}, fraction {@value
 * #EVAL_FRACTION} held out, seed {@code seed}): the 80% fold-in part is the user's history (iALS
 * solves the user's vector from it by fold-in, EASE and item-kNN score from it directly, popularity
 * ignores it), the 20% are the items to predict.
 *
 * <p>Validation: fit on the training users, evaluate the validation users. Test: fit on training and
 * validation users (the whole training part, never a test user), evaluate the test users.
 */
public final class UserHoldoutSplit {

  /** Fraction of a held-out user's interactions to predict (Liang et al.'s 20%). */
  public static final double EVAL_FRACTION = 0.2;

  private UserHoldoutSplit() {}

  /**
   * The number of held-out users N for each of test and validation.
   *
   * @param nUsers users in the data set
   * @param heldOutUsers N when {@code > 0}
   * @param ratio otherwise N = round(ratio * nUsers), at least 1
   * @throws IllegalArgumentException if fewer than one training user would remain
   */
  public static int heldOutUsers(int nUsers, int heldOutUsers, double ratio) {
    int n = heldOutUsers > 0 ? heldOutUsers : (int) Math.max(1, Math.round(ratio * nUsers));
    if (nUsers - 2L * n < 1) {
      throw new IllegalArgumentException("user-holdout with " + n + " test and " + n + " validation users needs more than "
          + 2L * n + " users, the data has " + nUsers + " (lower --ratio or --heldout-users)");
    }
    return n;
  }

  /**
   * @param heldOutUsers N test users (and N validation users); 0 = use {@code ratio}
   * @param ratio fraction of users held out for test when {@code heldOutUsers == 0}, in (0, 1)
   */
  public static ProtocolSplit protocol(List<Interaction> interactions, double ratio, int heldOutUsers, long seed) {
    if (heldOutUsers <= 0) {
      RandomPerUserSplit.checkRatio(ratio);
    }
    TreeMap<Long, List<Interaction>> byUser = UserGroups.byUser(interactions);
    List<Long> users = new ArrayList<>(byUser.keySet());
    UserGroups.shuffle(users, new SplittableRandom(seed));
    int n = heldOutUsers(users.size(), heldOutUsers, ratio);
    List<Interaction> testFold = new ArrayList<>();
    List<Interaction> testHeld = new ArrayList<>();
    List<Interaction> valFold = new ArrayList<>();
    List<Interaction> valHeld = new ArrayList<>();
    TreeMap<Long, List<Interaction>> trainUsers = new TreeMap<>();
    TreeMap<Long, List<Interaction>> trainingPart = new TreeMap<>();
    for (int r = 0; r < users.size(); r++) {
      long u = users.get(r);
      List<Interaction> list = byUser.get(u);
      if (r < n) {
        Part p = RandomPerUserSplit.splitUser(u, list, EVAL_FRACTION, seed);
        testFold.addAll(p.kept());
        testHeld.addAll(p.heldOut());
      } else if (r < 2 * n) {
        Part p = RandomPerUserSplit.splitUser(u, list, EVAL_FRACTION, seed);
        valFold.addAll(p.kept());
        valHeld.addAll(p.heldOut());
        trainingPart.put(u, list);
      } else {
        trainUsers.put(u, list);
        trainingPart.put(u, list);
      }
    }
    return new ProtocolSplit(
        new Stage(UserGroups.flatten(trainUsers), valFold, valHeld, true),
        new Stage(UserGroups.flatten(trainingPart), testFold, testHeld, true));
  }
}
