package com.marquee.service.model;

import java.util.concurrent.atomic.LongAdder;

/**
 * Per-model cache of each known user's unfiltered personalized list: the {@code topN} best item rows
 * by {@code dot(user, item)} among the items the user has not seen in training, and their scores,
 * computed on the first request for that user that can use it and kept for the life of the
 * snapshot (a reload starts a new, empty cache; nothing is ever stale because the model is
 * immutable). It serves the common request shape (a known user, {@code exclude_seen: true}, no
 * filters, no diversity, {@code k <= topN}, no real-time overlay entry) without retrieval; every
 * other request, and users with {@code /feedback} events since the load, take the retrieval path.
 *
 * <p>Correctness: an entry is what retrieval returns for {@code k = topN}, and its first {@code k}
 * entries are what retrieval returns for {@code k} with exact scoring (same scores, ties by
 * ascending row). With IVF retrieval the candidate set of {@code k <= topN} is the same as for
 * {@code topN} while {@code 10 * topN <= probes * items / lists} ({@link IvfRetriever#minCandidates});
 * beyond that the cached list comes from a superset of the cells, i.e. it is at least as close to
 * exact as the uncached one.
 *
 * <p>Memory: one reference per model user plus, per cached user, {@code int[topN]} and {@code
 * float[topN]} (about {@code 8 * topN + 48} bytes): 29 MB for all 138,493 users of the ML-20M shape at
 * {@code topN = 20}. Thread-safe without locks: entries are immutable and published through a
 * plain array (final-field semantics); two threads that miss on the same user both compute the
 * same entry.
 */
public final class UserTopCache {

  /**
   * One cached list, best first.
   *
   * @param rows item rows, {@code int[n]}, {@code n <= topN} (fewer when fewer items are allowed)
   * @param scores their scores, {@code float[n]}
   */
  public record Entry(int[] rows, float[] scores) {}

  /** The cache of {@code topN = 0}: never holds anything. */
  public static final UserTopCache OFF = new UserTopCache(0, 0);

  private final int topN;
  private final Entry[] entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /**
   * @param topN list length kept per user, {@code >= 0} (0 = off)
   * @param users number of users of the model (rows of {@code user_factors})
   * @throws IllegalArgumentException if {@code topN < 0} or {@code users < 0}
   */
  public UserTopCache(int topN, int users) {
    if (topN < 0 || users < 0) {
      throw new IllegalArgumentException("topN and users must be >= 0, got " + topN + ", " + users);
    }
    this.topN = topN;
    this.entries = new Entry[topN == 0 ? 0 : users];
  }

  /** Length of the cached lists; 0 when the cache is off. */
  public int topN() {
    return topN;
  }

  /** True when a request for {@code k} items can be answered from this cache. */
  public boolean covers(int k) {
    return topN > 0 && k <= topN;
  }

  /** The entry of user row {@code userRow}, or {@code null} (counted as a miss) when not cached yet. */
  public Entry get(int userRow) {
    Entry e = entries[userRow];
    if (e == null) {
      misses.increment();
    } else {
      hits.increment();
    }
    return e;
  }

  /** Stores and returns the list of user row {@code userRow}; {@code rows.length <= topN}. */
  public Entry put(int userRow, int[] rows, float[] scores) {
    Entry e = new Entry(rows, scores);
    entries[userRow] = e;
    return e;
  }

  /** Requests answered from the cache since the load. */
  public long hits() {
    return hits.sum();
  }

  /** Requests that had to compute (and then stored) the list since the load. */
  public long misses() {
    return misses.sum();
  }
}
