package com.marquee.common.preprocess;

import com.marquee.common.domain.Interaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The minimum-interactions rule of the preprocess stage, one pass: first drop the interactions of
 * movies with fewer than {@code minItemInteractions} interactions, then those of users with fewer than
 * {@code minUserInteractions} of the remaining ones. Not iterated to a fixed point: after the user pass
 * a movie can have fewer than {@code minItemInteractions} interactions left. A threshold of 0 or 1
 * skips its pass.
 *
 * <p>The Beam stage ({@code beam-pipelines} {@code preprocess/MinInteractionsFilter}) applies the same
 * {@link #keeps} test to counts combined per worker; {@link #apply} is the whole rule on an in-memory
 * list (the trainer's offline evaluation). A test in {@code beam-pipelines} checks both give the same
 * interactions.
 */
public final class MinInteractions {

  private MinInteractions() {}

  /** Whether a group of {@code size} interactions (one movie's or one user's) survives threshold {@code min}. */
  public static boolean keeps(long size, int min) {
    return size >= min;
  }

  /**
   * The rule on an in-memory list: same passes, same thresholds, input order kept.
   *
   * @param interactions implicit feedback, any order
   * @return the kept interactions, in input order
   */
  public static List<Interaction> apply(List<Interaction> interactions, int minItemInteractions,
      int minUserInteractions) {
    List<Interaction> items = minItemInteractions <= 1 ? interactions
        : keepGroups(interactions, Interaction::movieId, minItemInteractions);
    return minUserInteractions <= 1 ? items : keepGroups(items, Interaction::userId, minUserInteractions);
  }

  private static List<Interaction> keepGroups(List<Interaction> in, ToLongFunction<Interaction> key, int min) {
    Map<Long, Long> sizes = new HashMap<>();
    in.forEach(i -> sizes.merge(key.applyAsLong(i), 1L, Long::sum));
    return in.stream().filter(i -> keeps(sizes.get(key.applyAsLong(i)), min)).toList();
  }
}
