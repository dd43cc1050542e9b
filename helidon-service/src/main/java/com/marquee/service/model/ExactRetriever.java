package com.marquee.service.model;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;
import com.marquee.common.rank.TopK;
import java.util.function.IntPredicate;

/**
 * Exact retrieval: scores every item with {@link Scoring#scoreAll} and selects with {@link
 * TopK#select}. Same results as FAISS {@code IndexFlatIP}; O(nItems * f) per query plus one {@code
 * float[nItems]} buffer. Thread-safe (the factor matrix is only read).
 */
public final class ExactRetriever implements Retriever {

  private final FactorMatrix items;

  /** @param items item embeddings, shape {@code (nItems, f)} */
  public ExactRetriever(FactorMatrix items) {
    this.items = items;
  }

  @Override
  public ScoredItems search(float[] query, int k, IntPredicate allowed) {
    if (query.length != items.cols()) {
      throw new IllegalArgumentException("query has " + query.length + " factors, items " + items.cols());
    }
    int n = items.rows();
    float[] scores = new float[n];
    Scoring.scoreAll(items.data(), n, items.cols(), query, scores);
    int[] rows = TopK.select(scores, n, k, allowed);
    float[] top = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      top[i] = scores[rows[i]];
    }
    return new ScoredItems(rows, top);
  }
}
