package com.marquee.service.model;

import com.marquee.common.artifact.UserItems;
import com.marquee.common.rank.TopK;

/**
 * "People who liked this also liked": item-item co-occurrence over the served model's training
 * interactions ({@code user_items.bin}, every stored pair counts as one like, weights ignored).
 *
 * <p>For query item {@code i} and another item {@code j}, {@code c_ij} = the number of users with
 * both; the ranking score is the cosine of the two binary user columns, {@code c_ij / sqrt(n_i *
 * n_j)} with {@code n_x} = the item's number of users (Sarwar et al. 2001; raw counts would rank
 * the most popular movies first for every query). Items with {@code c_ij < }{@value #MIN_SUPPORT}
 * are left out (one shared user is noise). Ties by ascending row.
 *
 * <p>Built once per loaded model: the transpose of the user-items matrix ({@code int[nItems + 1]} +
 * {@code int[nnz]}, as much memory again as {@code user_items.bin}'s indices). A query costs the
 * sum of the item lists of the query item's users plus one pass over the items.
 */
public final class CoOccurrence {

  /** Fewest shared users for an item to be listed. */
  public static final int MIN_SUPPORT = 2;

  /**
   * Items co-liked with the query item, best first.
   *
   * @param rows {@code int[n]} item rows
   * @param counts {@code int[n]} shared users {@code c_ij}
   * @param scores {@code float[n]} cosine {@code c_ij / sqrt(n_i n_j)} in (0, 1]
   */
  public record Result(int[] rows, int[] counts, float[] scores) {}

  private final UserItems userItems;
  private final int[] itemPtr;
  private final int[] itemUsers;

  /** Builds the item-to-users index of {@code userItems}. */
  public CoOccurrence(UserItems userItems) {
    this.userItems = userItems;
    int n = userItems.nItems();
    int[] ptr = new int[n + 1];
    for (int i : userItems.indices()) {
      ptr[i + 1]++;
    }
    for (int i = 0; i < n; i++) {
      ptr[i + 1] += ptr[i];
    }
    int[] users = new int[userItems.nnz()];
    int[] next = java.util.Arrays.copyOf(ptr, n);
    for (int u = 0; u < userItems.nUsers(); u++) {
      for (int p = userItems.start(u); p < userItems.end(u); p++) {
        users[next[userItems.indices()[p]]++] = u;
      }
    }
    this.itemPtr = ptr;
    this.itemUsers = users;
  }

  /** Number of training users of item row {@code row}. */
  public int users(int row) {
    return itemPtr[row + 1] - itemPtr[row];
  }

  /**
   * The {@code k} items most co-liked with item row {@code row} (see the class comment), without
   * the item itself; fewer when fewer reach {@link #MIN_SUPPORT}.
   */
  public Result alsoLiked(int row, int k) {
    int n = userItems.nItems();
    int[] counts = new int[n];
    int[] indices = userItems.indices();
    for (int p = itemPtr[row]; p < itemPtr[row + 1]; p++) {
      int u = itemUsers[p];
      for (int q = userItems.start(u); q < userItems.end(u); q++) {
        counts[indices[q]]++;
      }
    }
    double ni = users(row);
    float[] scores = new float[n];
    for (int j = 0; j < n; j++) {
      scores[j] = counts[j] >= MIN_SUPPORT && j != row ? (float) (counts[j] / Math.sqrt(ni * users(j))) : 0f;
    }
    int[] top = TopK.select(scores, n, k, j -> counts[j] >= MIN_SUPPORT && j != row);
    int[] c = new int[top.length];
    float[] s = new float[top.length];
    for (int i = 0; i < top.length; i++) {
      c[i] = counts[top[i]];
      s[i] = scores[top[i]];
    }
    return new Result(top, c, s);
  }
}
