package com.marquee.trainer.index;

import com.marquee.common.rank.Scoring;
import com.marquee.common.rank.TopK;
import java.util.function.IntPredicate;

/**
 * Exact brute-force maximum-inner-product search in pure Java: scores every row with {@link
 * Scoring#scoreAll} and keeps the best {@code k} with {@link TopK#select} (O(n d) per query, O(n)
 * scratch). Works on every platform; the fallback when FAISS is unavailable.
 */
public final class ExactVectorIndex implements VectorIndex {

  private final float[] vectors;
  private final int n;
  private final int d;
  private volatile boolean closed;

  /**
   * @param vectors {@code float[>= n * d]}, row-major; row {@code i} is item {@code i}. Not copied:
   *     the caller must not modify it afterwards.
   * @param n number of rows
   * @param d row length
   * @throws IllegalArgumentException if {@code n < 0}, {@code d <= 0} or {@code vectors} is too
   *     short
   */
  public ExactVectorIndex(float[] vectors, int n, int d) {
    Checks.matrix(vectors, n, d, "vectors");
    this.vectors = vectors;
    this.n = n;
    this.d = d;
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public SearchResult search(float[] query, int k, IntPredicate allowed) {
    Checks.query(query, d, k);
    ensureOpen();
    return searchOne(query, k, allowed, new float[n]);
  }

  @Override
  public SearchResult[] searchBatch(float[] queries, int nq, int k) {
    Checks.batch(queries, nq, d, k);
    ensureOpen();
    SearchResult[] out = new SearchResult[nq];
    float[] scores = new float[n];
    float[] query = new float[d];
    for (int q = 0; q < nq; q++) {
      System.arraycopy(queries, q * d, query, 0, d);
      out[q] = searchOne(query, k, null, scores);
    }
    return out;
  }

  private SearchResult searchOne(float[] query, int k, IntPredicate allowed, float[] scores) {
    Scoring.scoreAll(vectors, n, d, query, scores);
    int[] ids = TopK.select(scores, n, k, allowed);
    float[] top = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      top[i] = scores[ids[i]];
    }
    return new SearchResult(ids, top);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("ExactVectorIndex is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
