package com.marquee.service.recommend;

/**
 * How one ranked list is selected and cut: the options every endpoint that answers a list shares
 * ({@code /recommend}, {@code /recommend/anonymous}, {@code /similar}, {@code /popular}).
 *
 * <p>Paging: the answer is the entries at ranks {@code offset .. offset + k - 1} (0-based) of the
 * list the same request without {@code offset} would rank with {@code k = offset + k}, so pages of
 * one list do not overlap and together give its first {@code offset + k} entries (diversity and rules
 * are applied to that whole prefix first, then it is cut).
 *
 * @param k entries answered, >= 0
 * @param offset entries skipped first, >= 0
 * @param excludeSeen whether the user's known items are removed (personalized lists only)
 * @param filter genre and year filter
 * @param diversity MMR re-ranking (personalized lists only)
 * @param rules the request's own business rules, added to those of the configuration
 */
public record ListOptions(int k, int offset, boolean excludeSeen, ItemFilter filter, Recommender.Diversity diversity,
    ScoreRules rules) {

  public ListOptions {
    if (k < 0 || offset < 0) {
      throw new IllegalArgumentException("k and offset must be >= 0, got " + k + ", " + offset);
    }
  }

  /** The first {@code k} entries, with {@code filter}, no diversity and no request rules. */
  public static ListOptions of(int k, boolean excludeSeen, ItemFilter filter) {
    return new ListOptions(k, 0, excludeSeen, filter, Recommender.Diversity.OFF, ScoreRules.NONE);
  }

  /** {@code offset + k}: how many entries are ranked before the page is cut. */
  public int depth() {
    return offset + k;
  }

  /** True when nothing but the configuration shapes the list (the per-user cache may answer it). */
  public boolean plain() {
    return excludeSeen && filter.isEmpty() && diversity.isOff() && rules.isEmpty();
  }
}
