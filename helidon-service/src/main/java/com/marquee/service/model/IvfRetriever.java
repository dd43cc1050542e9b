package com.marquee.service.model;

import com.marquee.common.als.VectorKernels;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;
import com.marquee.common.rank.TopK;
import com.marquee.common.rank.TopKHeap;
import java.util.function.IntPredicate;

/**
 * Approximate top-k inner-product retrieval with an inverted file (IVF; Jégou, Douze, Schmid,
 * "Product Quantization for Nearest Neighbor Search", TPAMI 2011, §IV-A "IVFADC" without the
 * quantization; FAISS {@code IndexIVFFlat}), exact re-ranking of the candidates.
 *
 * <p>Build ({@link #build}, once per loaded model): maximum inner product search is turned into
 * nearest-neighbour search (Bachrach et al., "Speeding Up the Xbox Recommender System Using a
 * Euclidean Transformation for Inner-Product Spaces", RecSys 2014, §3): every item {@code x} gets
 * an extra coordinate {@code sqrt(M^2 - |x|^2)} ({@code M} = largest item norm), so all augmented
 * items have norm {@code M} and, for a query {@code q' = [q M / |q|, 0]}, the nearest augmented item
 * is the one with the largest {@code dot(q, x)}. The augmented items are partitioned into {@code
 * lists} cells by {@link KMeans} (squared L2), and the original vectors are copied, cell by cell,
 * into one contiguous array. Memory: {@code nItems * f * 4} bytes for the copy plus {@code lists * f
 * * 4} for the centroids. Without the transform (cells ranked by {@code dot(q, centroid)}), items
 * of large norm in low-ranked cells were missed (recall@10 0.93 vs 1.00 at the same cost on the
 * ML-20M-shaped benchmark model, docs/BENCHMARKS.md).
 *
 * <p>Search for query {@code q}:
 *
 * <ol>
 *   <li>rank the cells by closeness of {@code q'} to their augmented centroid {@code c'}, i.e. by
 *       {@code dot(q, c) - (|q| / M) |c'|^2 / 2}, best first;
 *   <li>scan cells in that order, scoring every <em>allowed</em> item of the cell with the exact
 *       inner product ({@link VectorKernels#dotRows}, bit-identical to {@link VectorKernels#dot})
 *       and keeping the best {@code k};
 *   <li>stop once at least {@code probes} cells are scanned <b>and</b> at least {@link
 *       #minCandidates(int)} allowed items were scored: {@code max(probes * nItems / lists, 10 *
 *       k)}. Rows rejected by {@code allowed} (exclude-seen, genre and year filters) are not
 *       counted, so a selective filter makes the search scan further, down to every cell: then the
 *       result is the exact one (up to float rounding of near-ties between the two dot kernels).
 *       This is the over-fetch / fall-back-to-exact rule of {@link
 *       Retriever}: the number of allowed candidates scored never drops below what an unfiltered
 *       query scores;
 *   <li>the kept rows are re-scored with {@link Scoring#dot} (the scoring of {@link
 *       ExactRetriever}, so a returned score is bit-identical to exact mode's) and sorted by
 *       descending score, ties by ascending row.
 * </ol>
 *
 * <p>Accuracy: the result is exact when the true top-k lies in the scanned cells; what is missed
 * are items whose cell centroid ranks low for {@code q}. Measured recall@10 against {@link
 * ExactRetriever} on served lists: see docs/BENCHMARKS.md ({@code scripts/retrieval-recall.sh}).
 * Cost per query: {@code lists * f} for the centroids plus about {@code minCandidates * f} for the
 * candidates (vs {@code nItems * f} for exact scoring). Thread-safe: the arrays are read-only after
 * {@link #build}.
 */
public final class IvfRetriever implements Retriever {

  /** Scored allowed candidates per requested result, at least (see the class comment). */
  public static final int CANDIDATES_PER_RESULT = 10;

  /**
   * Index parameters.
   *
   * @param lists number of cells, {@code >= 1} (capped at the number of items)
   * @param probes cells scanned at least, {@code >= 1}
   * @param iterations k-means iterations, {@code >= 1}
   * @param seed k-means seed
   */
  public record Params(int lists, int probes, int iterations, long seed) {
    public Params {
      if (lists < 1 || probes < 1 || iterations < 1) {
        throw new IllegalArgumentException("lists, probes and iterations must be >= 1, got " + lists + ", " + probes
            + ", " + iterations);
      }
    }
  }

  private final FactorMatrix items;
  private final int f;
  private final int lists;
  private final int probes;
  private final float[] centroids;
  private final float[] halfNorm2;
  private final float maxNorm;
  private final int[] listStart;
  private final int[] rowAt;
  private final float[] packed;
  private final int avgCandidates;
  private final int maxCellSize;
  private final java.util.concurrent.atomic.LongAdder searches = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder scoredTotal = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder fullScans = new java.util.concurrent.atomic.LongAdder();

  private IvfRetriever(FactorMatrix items, int probes, int lists, float[] centroids, float[] halfNorm2,
      float maxNorm, int[] assignment) {
    this.items = items;
    this.f = items.cols();
    this.lists = lists;
    this.probes = Math.min(probes, lists);
    this.centroids = centroids;
    this.halfNorm2 = halfNorm2;
    this.maxNorm = maxNorm;
    int n = items.rows();
    this.listStart = new int[lists + 1];
    for (int a : assignment) {
      listStart[a + 1]++;
    }
    for (int c = 0; c < lists; c++) {
      listStart[c + 1] += listStart[c];
    }
    this.rowAt = new int[n];
    this.packed = new float[n * f];
    int[] next = listStart.clone();
    for (int row = 0; row < n; row++) { // rows stay ascending within a cell
      int pos = next[assignment[row]]++;
      rowAt[pos] = row;
      System.arraycopy(items.data(), row * f, packed, pos * f, f);
    }
    this.avgCandidates = (int) Math.min(n, (long) this.probes * n / lists);
    this.maxCellSize = maxCellSize(listStart);
  }

  private static int maxCellSize(int[] listStart) {
    int max = 0;
    for (int c = 0; c + 1 < listStart.length; c++) {
      max = Math.max(max, listStart[c + 1] - listStart[c]);
    }
    return max;
  }

  /**
   * Partitions {@code items} into {@code min(params.lists, nItems)} cells.
   *
   * @param items item embeddings, shape {@code (nItems, f)}, {@code nItems >= 1}
   * @throws IllegalArgumentException if there are no items
   */
  public static IvfRetriever build(FactorMatrix items, Params params) {
    if (items.rows() < 1) {
      throw new IllegalArgumentException("an IVF index needs at least one item");
    }
    int n = items.rows();
    int f = items.cols();
    int lists = Math.min(params.lists(), n);
    float[] x = items.data();
    float[] norm2 = new float[n];
    float max2 = 0;
    for (int i = 0; i < n; i++) {
      norm2[i] = VectorKernels.dot(x, i * f, x, i * f, f);
      max2 = Math.max(max2, norm2[i]);
    }
    // MIPS -> nearest neighbour (Bachrach et al. 2014, §3): x' = [x, sqrt(M^2 - |x|^2)] all have norm M.
    int g = f + 1;
    float[] augmented = new float[n * g];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * f, augmented, i * g, f);
      augmented[i * g + f] = (float) Math.sqrt(Math.max(0, max2 - norm2[i]));
    }
    KMeans.Result km = KMeans.fit(augmented, n, g, lists, params.iterations(), params.seed());
    float[] centroids = new float[lists * f];
    float[] halfNorm2 = new float[lists];
    for (int c = 0; c < lists; c++) {
      System.arraycopy(km.centroids(), c * g, centroids, c * f, f);
      halfNorm2[c] = 0.5f * VectorKernels.dot(km.centroids(), c * g, km.centroids(), c * g, g);
    }
    return new IvfRetriever(items, params.probes(), lists, centroids, halfNorm2, (float) Math.sqrt(max2),
        km.assignment());
  }

  /** The same index (arrays shared) scanning at least {@code probes} cells per query. */
  public IvfRetriever withProbes(int probes) {
    if (probes < 1) {
      throw new IllegalArgumentException("probes must be >= 1, got " + probes);
    }
    return new IvfRetriever(this, probes);
  }

  private IvfRetriever(IvfRetriever other, int probes) {
    this.items = other.items;
    this.f = other.f;
    this.lists = other.lists;
    this.probes = Math.min(probes, lists);
    this.centroids = other.centroids;
    this.halfNorm2 = other.halfNorm2;
    this.maxNorm = other.maxNorm;
    this.listStart = other.listStart;
    this.rowAt = other.rowAt;
    this.packed = other.packed;
    this.avgCandidates = (int) Math.min(items.rows(), (long) this.probes * items.rows() / lists);
    this.maxCellSize = other.maxCellSize;
  }

  /** Items in each cell. */
  public int[] cellSizes() {
    int[] out = new int[lists];
    for (int c = 0; c < lists; c++) {
      out[c] = listStart[c + 1] - listStart[c];
    }
    return out;
  }

  /** Searches so far, items visited (allowed or not) in them, and searches that visited every cell. */
  public long[] searchStats() {
    return new long[] {searches.sum(), scoredTotal.sum(), fullScans.sum()};
  }

  /** Number of cells. */
  public int lists() {
    return lists;
  }

  /** Cells scanned at least per query. */
  public int probes() {
    return probes;
  }

  /**
   * Allowed candidates scored at least before a search may stop: {@code max(probes * nItems /
   * lists, 10 * k)}, capped at the number of items.
   */
  public int minCandidates(int k) {
    return (int) Math.min(items.rows(), Math.max(avgCandidates, (long) CANDIDATES_PER_RESULT * k));
  }

  @Override
  public ScoredItems search(float[] query, int k, IntPredicate allowed) {
    if (query.length != f) {
      throw new IllegalArgumentException("query has " + query.length + " factors, items " + f);
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    float[] cellScores = new float[lists];
    // Closeness of the query scaled to norm M, [q M / |q|, 0], to each centroid c' in the augmented
    // space: -|q' - c'|^2 / 2 = (M / |q|) (q.c - (|q| / M) |c'|^2 / 2) + const; ranked by the bracket.
    float qNorm = (float) Math.sqrt(VectorKernels.dot(query, 0, query, 0, f));
    float w = maxNorm > 0 ? qNorm / maxNorm : 0;
    VectorKernels.dotRows(centroids, 0, lists, f, query, cellScores, 0);
    for (int c = 0; c < lists; c++) {
      cellScores[c] -= w * halfNorm2[c];
    }
    // The best `probes` cells first; the full order only when a filter makes the scan go further
    // (TopK breaks ties by index, so the full order starts with the same cells).
    int[] order = TopK.select(cellScores, lists, probes, null);
    int needed = minCandidates(k);
    TopKHeap best = new TopKHeap(Math.min(k, items.rows()));
    int scored = 0;
    int scanned = 0;
    int cellsScanned = 0;
    float[] cellItemScores = new float[maxCellSize];
    for (int o = 0; o < lists && (o < probes || scored < needed); o++) {
      if (o == order.length) {
        order = TopK.select(cellScores, lists, lists, null);
      }
      int cell = order[o];
      cellsScanned++;
      int start = listStart[cell];
      int size = listStart[cell + 1] - start;
      scanned += size;
      // The whole cell in 4-row blocks (a few disallowed rows scored for nothing is cheaper than
      // scoring the allowed ones one by one), then the allowed rows offered.
      VectorKernels.dotRows(packed, start, size, f, query, cellItemScores, 0);
      for (int i = 0; i < size; i++) {
        int row = rowAt[start + i];
        if (allowed != null && !allowed.test(row)) {
          continue;
        }
        scored++;
        best.offer(row, cellItemScores[i]);
      }
    }
    searches.increment();
    scoredTotal.add(scanned);
    if (cellsScanned == lists) {
      fullScans.increment();
    }
    return rescore(best.drainBestFirst(), query);
  }

  /** Exact scores of {@code rows} with {@link Scoring#dot}, re-sorted best first. */
  private ScoredItems rescore(int[] rows, float[] query) {
    TopKHeap sorted = new TopKHeap(rows.length);
    float[] byRow = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      sorted.offer(rows[i], Scoring.dot(items.data(), rows[i] * f, query, 0, f));
    }
    int[] out = sorted.drainBestFirst();
    for (int i = 0; i < out.length; i++) {
      byRow[i] = Scoring.dot(items.data(), out[i] * f, query, 0, f);
    }
    return new ScoredItems(out, byRow);
  }
}
