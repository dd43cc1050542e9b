package com.marquee.common.preprocess;

import java.io.Serializable;

/**
 * The cut timestamps of a global time split (seconds since the epoch): an interaction at {@code ts}
 * is train when {@code ts < trainEnd}, validation when {@code trainEnd <= ts < valEnd}, test when
 * {@code ts >= valEnd}. {@link Long#MAX_VALUE} means "no cut" (everything before it).
 *
 * @param trainEnd first timestamp not in train
 * @param valEnd first timestamp not in validation
 * @param total number of interactions the cuts were computed from
 */
// Serializable: Combine.globally embeds the default (empty-input) value in its DoFn.
public record SplitCuts(long trainEnd, long valEnd, long total) implements Serializable {

  /**
   * The exact cuts of {@code timestamps} (the split stage's rule, shared with in-memory tools): with
   * the timestamps sorted ascending as s[0..n-1], k1 = round(train * n) and k2 = max(k1, round((train
   * + val) * n)): {@code trainEnd = s[k1]} and {@code valEnd = s[k2]} ({@link Long#MAX_VALUE} when the
   * index is n). So train holds the interactions strictly before s[k1]: at most k1 of them, fewer
   * exactly when interactions at s[k1] also occur before position k1; those ties move to the later
   * split with all others of the same second. Rounding (not flooring) keeps 0.8 * n from becoming
   * 79.999... .
   *
   * @param timestamps seconds since the epoch, any order; sorted in place
   * @param train fraction of train, in [0, 1]
   * @param val fraction of validation, in [0, 1]
   */
  public static SplitCuts exact(long[] timestamps, double train, double val) {
    java.util.Arrays.sort(timestamps);
    int n = timestamps.length;
    long k1 = Math.round(train * n);
    long k2 = Math.max(k1, Math.round((train + val) * n));
    return new SplitCuts(at(timestamps, k1), at(timestamps, k2), n);
  }

  private static long at(long[] sorted, long k) {
    return k >= sorted.length ? Long.MAX_VALUE : sorted[(int) k];
  }

  /** The split of an interaction at {@code timestamp}. */
  public Part partOf(long timestamp) {
    if (timestamp < trainEnd) {
      return Part.TRAIN;
    }
    return timestamp < valEnd ? Part.VAL : Part.TEST;
  }

  /** The three parts of the split. */
  public enum Part {
    TRAIN,
    VAL,
    TEST
  }
}
