package com.marquee.common.preprocess;

import com.marquee.common.movielens.RatingRow;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The de-duplication rule of the preprocess stage: per (user_id, movie_id) only the latest rating
 * counts (largest timestamp; on equal timestamps the one on the later line, {@link
 * RatingRow#isLaterThan}). A re-rating is a change of mind, not an error, so the dropped duplicates
 * are not rejects. Applied per user group by the Beam stage ({@code preprocess/LatestRatingPerPair})
 * and to a whole data set by the trainer's in-memory preprocess.
 */
public final class LatestRating {

  private LatestRating() {}

  /** The latest rating of every (user_id, movie_id) pair among {@code ratings}, in no particular order. */
  public static Collection<RatingRow> latestPerPair(Iterable<RatingRow> ratings) {
    Map<List<Long>, RatingRow> latest = new HashMap<>();
    for (RatingRow r : ratings) {
      latest.merge(List.of(r.userId(), r.movieId()), r, (a, b) -> b.isLaterThan(a) ? b : a);
    }
    return latest.values();
  }
}
