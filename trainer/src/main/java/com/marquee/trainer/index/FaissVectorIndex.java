package com.marquee.trainer.index;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * A FAISS index (metric inner product) held in native memory, reached through the shim loaded by
 * {@link FaissNative}. Built from a FAISS factory string ({@code "Flat"}: exact {@code IndexFlatIP};
 * {@code "HNSW32"}: HNSW graph; {@code "IVF256,Flat"}: inverted lists, trained with k-means on the
 * indexed vectors), or read from a file written by FAISS itself ({@code faiss.write_index} in
 * Python or {@link #write(Path)}), so the file is readable by Python's {@code faiss.read_index}.
 *
 * <p>Searches may run concurrently (FAISS search is const); they hold a read lock, {@link #close()}
 * and {@link #setSearchParameter} hold the write lock, so the native index is freed exactly once
 * and never while a search is using it. A {@link Cleaner} frees it if the object is dropped without
 * {@code close()} (do not rely on that: native memory is outside {@code -Xmx}).
 *
 * <p>Filtering ({@code allowed != null}) over-fetches: it asks FAISS for {@code 2k + 16} neighbours,
 * keeps the allowed ones, and doubles the request until {@code k} are found or every row has been
 * requested. Result order is re-established in Java (descending score, ties by lower id).
 */
public final class FaissVectorIndex implements VectorIndex {

  private static final Cleaner CLEANER = Cleaner.create();

  private final MemorySegment ptr;
  private final int d;
  private final int size;
  private final Cleaner.Cleanable freer;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  private FaissVectorIndex(MemorySegment ptr) {
    this.ptr = ptr;
    this.d = FaissNative.dimension(ptr);
    this.size = Math.toIntExact(FaissNative.ntotal(ptr));
    this.freer = CLEANER.register(this, new Free(ptr));
  }

  /** Frees the native index; a Cleaner action runs at most once. Must not reference the index. */
  private record Free(MemorySegment ptr) implements Runnable {
    @Override
    public void run() {
      FaissNative.free(ptr);
    }
  }

  /**
   * Builds an index over {@code n} rows (ids {@code 0..n-1}), training it first on the same rows
   * when the index type needs training (IVF, PQ).
   *
   * @param vectors {@code float[>= n * d]}, row-major; copied into native memory
   * @param n number of rows
   * @param d row length
   * @param factoryDescription a FAISS {@code index_factory} string: {@code "Flat"}, {@code
   *     "HNSW32"}, {@code "IVF256,Flat"}, ... (IVF with {@code c} lists needs {@code n >= c})
   * @throws FaissException if FAISS rejects the description or training fails, or FAISS is
   *     unavailable on this platform
   * @throws IllegalArgumentException on bad sizes
   */
  public static FaissVectorIndex build(float[] vectors, int n, int d, String factoryDescription) {
    Checks.matrix(vectors, n, d, "vectors");
    MemorySegment ptr = FaissNative.indexFactory(d, factoryDescription);
    try {
      if (!FaissNative.isTrained(ptr)) {
        FaissNative.train(ptr, vectors, n, d);
      }
      FaissNative.add(ptr, vectors, n, d);
      return new FaissVectorIndex(ptr);
    } catch (RuntimeException e) {
      FaissNative.free(ptr);
      throw e;
    }
  }

  /**
   * Reads an index written by FAISS ({@link #write(Path)} or Python {@code faiss.write_index}).
   *
   * @throws FaissException if the file is missing or not a FAISS index, or its metric is not inner
   *     product
   */
  public static FaissVectorIndex read(Path path) {
    MemorySegment ptr = FaissNative.readIndex(path.toAbsolutePath());
    try {
      int metric = FaissNative.metricType(ptr);
      if (metric != FaissNative.METRIC_INNER_PRODUCT) {
        throw new FaissException(
            path + ": FAISS metric type " + metric + ", expected inner product (0)");
      }
      return new FaissVectorIndex(ptr);
    } catch (RuntimeException e) {
      FaissNative.free(ptr);
      throw e;
    }
  }

  /**
   * Writes the index with {@code faiss::write_index} (FAISS's own format; {@code
   * faiss.read_index} in Python loads it). Overwrites {@code path}; does not create directories.
   *
   * @throws FaissException if the file cannot be written
   * @throws IllegalStateException if closed
   */
  public void write(Path path) {
    lock.readLock().lock();
    try {
      ensureOpen();
      FaissNative.writeIndex(ptr, path.toAbsolutePath());
    } finally {
      lock.readLock().unlock();
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Sets a FAISS search-time parameter via {@code faiss::ParameterSpace}: {@code "efSearch"} for
   * HNSW (default 16), {@code "nprobe"} for IVF (default 1). Waits for running searches.
   *
   * @throws FaissException if the index type has no such parameter
   * @throws IllegalStateException if closed
   */
  public void setSearchParameter(String name, double value) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      FaissNative.setParameter(ptr, name, value);
    } finally {
      lock.writeLock().unlock();
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public SearchResult search(float[] query, int k, IntPredicate allowed) {
    Checks.query(query, d, k);
    lock.readLock().lock();
    try {
      ensureOpen();
      if (k == 0 || size == 0) {
        return SearchResult.empty();
      }
      int fetch = allowed == null ? Math.min(k, size) : (int) Math.min(size, 2L * k + 16);
      while (true) {
        float[] dist = new float[fetch];
        long[] labels = new long[fetch];
        FaissNative.search(ptr, query, 1, d, fetch, dist, labels);
        SearchResult r = collect(dist, labels, 0, fetch, k, allowed);
        if (r.size() >= k || fetch == size) {
          return r;
        }
        fetch = (int) Math.min(size, 2L * fetch);
      }
    } finally {
      lock.readLock().unlock();
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public SearchResult[] searchBatch(float[] queries, int n, int k) {
    Checks.batch(queries, n, d, k);
    lock.readLock().lock();
    try {
      ensureOpen();
      SearchResult[] out = new SearchResult[n];
      int kk = Math.min(k, size);
      if (kk == 0) {
        Arrays.fill(out, SearchResult.empty());
        return out;
      }
      float[] dist = new float[Math.multiplyExact(n, kk)];
      long[] labels = new long[dist.length];
      FaissNative.search(ptr, queries, n, d, kk, dist, labels);
      for (int q = 0; q < n; q++) {
        out[q] = collect(dist, labels, q * kk, kk, kk, null);
      }
      return out;
    } finally {
      lock.readLock().unlock();
      Reference.reachabilityFence(this);
    }
  }

  /**
   * The first {@code k} valid ({@code label >= 0}), allowed hits of {@code labels[from..from+m)},
   * sorted by descending score, ties by lower id. FAISS returns hits best-first already, so the
   * insertion sort only fixes tie order and is linear in practice.
   */
  private static SearchResult collect(
      float[] dist, long[] labels, int from, int m, int k, IntPredicate allowed) {
    int[] ids = new int[m];
    float[] scores = new float[m];
    int c = 0;
    for (int i = from; i < from + m; i++) {
      long label = labels[i];
      if (label < 0 || (allowed != null && !allowed.test((int) label))) {
        continue;
      }
      int id = (int) label;
      float s = dist[i];
      int j = c++;
      while (j > 0 && (scores[j - 1] < s || (scores[j - 1] == s && ids[j - 1] > id))) {
        ids[j] = ids[j - 1];
        scores[j] = scores[j - 1];
        j--;
      }
      ids[j] = id;
      scores[j] = s;
    }
    int keep = Math.min(c, k);
    return new SearchResult(Arrays.copyOf(ids, keep), Arrays.copyOf(scores, keep));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("FaissVectorIndex is closed");
    }
  }

  /** Frees the native index (once); waits for running searches. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        freer.clean();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
