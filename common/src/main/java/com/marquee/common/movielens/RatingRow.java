package com.marquee.common.movielens;

/**
 * A valid explicit rating read from a raw MovieLens ratings file, before implicit conversion.
 *
 * @param userId MovieLens user id
 * @param movieId MovieLens movie id (present in the movies file)
 * @param rating stars, in [0.5, 5]
 * @param timestamp seconds since the Unix epoch (UTC), {@code >= 0}
 * @param line 1-based line of the ratings file (breaks timestamp ties when de-duplicating)
 */
public record RatingRow(long userId, long movieId, float rating, long timestamp, long line) {

  /** True when this rating is more recent than {@code other}: later timestamp, then later line. */
  public boolean isLaterThan(RatingRow other) {
    return timestamp != other.timestamp ? timestamp > other.timestamp : line > other.line;
  }
}
