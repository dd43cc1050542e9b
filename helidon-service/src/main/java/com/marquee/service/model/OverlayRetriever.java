package com.marquee.service.model;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;
import com.marquee.common.rank.TopKHeap;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * Retrieval over a trained model's index plus a small overlay of item rows whose vectors did not come
 * from training: movies added by {@code PUT /admin/items/{movie_id}} (rows appended after the trained
 * ones) and cold items whose vector was refined by feedback (trained rows whose vector moved here).
 * The trained retriever (exact or IVF) is searched as it is, with the moved rows rejected; the overlay
 * rows are scored exactly (O(overlay * f), the overlay is bounded by {@code limits.max_catalog_items});
 * the two best-first lists are merged with the one tie rule of {@link TopKHeap#better}. The result is
 * exact when the trained retriever is. Immutable and thread-safe.
 */
public final class OverlayRetriever implements Retriever {

  private final Retriever base;
  private final BitSet moved;
  private final int[] rows;
  private final float[] vectors;
  private final int f;

  /**
   * @param base retrieval over the trained rows
   * @param moved trained rows whose vector is in the overlay (rejected in {@code base}'s results); may be empty
   * @param rows the overlay's item rows, strictly ascending
   * @param vectors their vectors, {@code (rows.length, f)}, row {@code i} of it for {@code rows[i]}
   */
  public OverlayRetriever(Retriever base, BitSet moved, int[] rows, FactorMatrix vectors) {
    if (vectors.rows() != rows.length) {
      throw new IllegalArgumentException(rows.length + " overlay rows but " + vectors.rows() + " vectors");
    }
    for (int i = 1; i < rows.length; i++) {
      if (rows[i] <= rows[i - 1]) {
        throw new IllegalArgumentException("overlay rows must be strictly ascending");
      }
    }
    this.base = base;
    this.moved = (BitSet) moved.clone();
    this.rows = rows.clone();
    this.vectors = vectors.data();
    this.f = vectors.cols();
  }

  /** Number of overlay rows. */
  public int size() {
    return rows.length;
  }

  @Override
  public ScoredItems search(float[] query, int k, IntPredicate allowed) {
    if (query.length != f) {
      throw new IllegalArgumentException("query has " + query.length + " factors, items " + f);
    }
    IntPredicate baseAllowed = moved.isEmpty() ? allowed
        : allowed == null ? r -> !moved.get(r) : r -> !moved.get(r) && allowed.test(r);
    ScoredItems fromBase = base.search(query, k, baseAllowed);
    float[] scores = new float[rows.length];
    TopKHeap heap = new TopKHeap(Math.min(k, rows.length));
    for (int i = 0; i < rows.length; i++) {
      if (allowed == null || allowed.test(rows[i])) {
        scores[i] = Scoring.dot(query, 0, vectors, i * f, f);
        heap.offer(i, scores[i]); // index order is row order: the heap's ties by index are ties by row
      }
    }
    int[] best = heap.drainBestFirst();
    int n = Math.min(k, fromBase.size() + best.length);
    int[] outRows = new int[n];
    float[] outScores = new float[n];
    int a = 0;
    int b = 0;
    for (int o = 0; o < n; o++) {
      boolean takeBase = b >= best.length || (a < fromBase.size()
          && TopKHeap.better(fromBase.rows()[a], fromBase.scores()[a], rows[best[b]], scores[best[b]]));
      if (takeBase) {
        outRows[o] = fromBase.rows()[a];
        outScores[o] = fromBase.scores()[a++];
      } else {
        outRows[o] = rows[best[b]];
        outScores[o] = scores[best[b++]];
      }
    }
    return new ScoredItems(outRows, outScores);
  }

  @Override
  public String toString() {
    return "OverlayRetriever[" + base + " + " + rows.length + " rows " + Arrays.toString(Arrays.copyOf(rows,
        Math.min(5, rows.length))) + "...]";
  }
}
