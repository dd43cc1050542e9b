package com.marquee.service.model;

/**
 * Result of a top-k retrieval: item rows of the model's item matrix with their scores, best first.
 *
 * @param rows {@code int[n]} item row indices (map to movie ids with {@code ModelArtifacts.items()})
 * @param scores {@code float[n]} scores of {@code rows}, non-increasing
 */
public record ScoredItems(int[] rows, float[] scores) {

  public ScoredItems {
    if (rows.length != scores.length) {
      throw new IllegalArgumentException(rows.length + " rows but " + scores.length + " scores");
    }
  }

  /** Number of results. */
  public int size() {
    return rows.length;
  }
}
