package com.marquee.trainer.index;

import java.util.function.IntPredicate;

/**
 * Maximum-inner-product search over a fixed set of {@link #dimension() d}-dimensional float rows,
 * identified by row id {@code 0 .. size()-1}.
 *
 * <p>Implementations: {@link ExactVectorIndex} (pure Java, exact, every platform) and {@link
 * FaissVectorIndex} (FAISS through a native shim, Linux x86_64; exact for {@code "Flat"},
 * approximate for HNSW/IVF). Searching is thread-safe. {@link #close()} releases the index (native
 * memory for FAISS); it is idempotent, and any search after it throws {@link
 * IllegalStateException}.
 */
public interface VectorIndex extends AutoCloseable {

  /** Number of indexed rows. */
  int size();

  /** Row length {@code d}. */
  int dimension();

  /**
   * The {@code k} rows with the largest inner product with {@code query} among the rows whose id
   * satisfies {@code allowed}, sorted by descending score, ties by lower id.
   *
   * @param query {@code float[d]}
   * @param k number of results wanted; fewer are returned when fewer rows are allowed (and, for
   *     approximate indexes, when the search finds fewer)
   * @param allowed which row ids may be returned; {@code null} allows all. Called from the
   *     searching thread only, possibly more than once per id.
   * @throws IllegalArgumentException if {@code query.length != d} or {@code k < 0}
   * @throws IllegalStateException if the index is closed
   * @throws FaissException if the native library reports an error
   */
  SearchResult search(float[] query, int k, IntPredicate allowed);

  /**
   * {@link #search(float[], int, IntPredicate) search} without a filter for {@code n} queries at
   * once (FAISS uses BLAS for batches, which is much faster than {@code n} single searches).
   *
   * @param queries {@code float[>= n * d]}, row-major; row {@code i} is query {@code i}
   * @param n number of queries
   * @param k results per query
   * @return {@code SearchResult[n]}, one per query in order
   * @throws IllegalArgumentException if {@code n < 0}, {@code k < 0} or {@code queries} is too short
   * @throws IllegalStateException if the index is closed
   * @throws FaissException if the native library reports an error
   */
  SearchResult[] searchBatch(float[] queries, int n, int k);

  /** Releases the index; idempotent. Never throws a checked exception. */
  @Override
  void close();
}
