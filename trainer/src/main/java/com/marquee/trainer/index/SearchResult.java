package com.marquee.trainer.index;

/**
 * The top-k answer for one query: row ids and their inner-product scores, best first (descending
 * score, ties by lower id).
 *
 * <p>Arrays are exposed as-is (no defensive copies) for the serving hot path: do not modify them.
 * Like every record with array components, {@code equals} compares array identity, not contents.
 *
 * @param ids {@code int[m]} row ids (0-based, the order rows were added), {@code m <= k}
 * @param scores {@code float[m]}, {@code scores[i]} is the inner product of the query with row
 *     {@code ids[i]}
 */
public record SearchResult(int[] ids, float[] scores) {

  private static final SearchResult EMPTY = new SearchResult(new int[0], new float[0]);

  /**
   * @throws IllegalArgumentException if the arrays differ in length
   * @throws NullPointerException if either array is null
   */
  public SearchResult {
    if (ids.length != scores.length) {
      throw new IllegalArgumentException(
          "ids.length=" + ids.length + " != scores.length=" + scores.length);
    }
  }

  /** The shared empty result. */
  public static SearchResult empty() {
    return EMPTY;
  }

  /** Number of hits, {@code ids().length}. */
  public int size() {
    return ids.length;
  }
}
