package com.marquee.common.rank;

/**
 * The {@code k} best (row, score) pairs offered so far: a size-k binary min-heap over primitive
 * arrays, O(log k) per offer, no boxing. "Better" = higher score, ties by lower row: the one order
 * of every ranking in Marquee ({@link TopK#select} over a dense score vector, the server's
 * retrievers over candidate lists). Not thread-safe: one per search.
 */
public final class TopKHeap {

  private final int[] rows;
  private final float[] scores;
  private int size;

  /** @param k capacity, {@code >= 0} */
  public TopKHeap(int k) {
    rows = new int[k];
    scores = new float[k];
  }

  /** Number of pairs held, {@code <= k}. */
  public int size() {
    return size;
  }

  /** Keeps {@code (row, score)} if it is among the k best so far. */
  public void offer(int row, float score) {
    if (size < rows.length) {
      rows[size] = row;
      scores[size] = score;
      siftUp(size++);
    } else if (size > 0 && better(row, score, rows[0], scores[0])) {
      rows[0] = row;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** The rows held, best first (sorted by descending score, ties by ascending row). Empties the heap. */
  public int[] drainBestFirst() {
    int[] out = new int[size];
    for (int pos = size - 1; pos >= 0; pos--) {
      out[pos] = rows[0];
      size--;
      rows[0] = rows[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return out;
  }

  /** True when {@code (rowA, a)} ranks strictly before {@code (rowB, b)}. */
  public static boolean better(int rowA, float a, int rowB, float b) {
    return a > b || (a == b && rowA < rowB);
  }

  private void siftUp(int pos) {
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      if (better(rows[parent], scores[parent], rows[pos], scores[pos])) { // min-heap: worse on top
        swap(parent, pos);
        pos = parent;
      } else {
        return;
      }
    }
  }

  private void siftDown(int pos) {
    while (true) {
      int l = 2 * pos + 1;
      if (l >= size) {
        return;
      }
      int r = l + 1;
      int worst = r < size && better(rows[l], scores[l], rows[r], scores[r]) ? r : l;
      if (better(rows[pos], scores[pos], rows[worst], scores[worst])) {
        swap(pos, worst);
        pos = worst;
      } else {
        return;
      }
    }
  }

  private void swap(int a, int b) {
    int r = rows[a];
    rows[a] = rows[b];
    rows[b] = r;
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
  }
}
