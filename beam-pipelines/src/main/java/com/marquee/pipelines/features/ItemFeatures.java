package com.marquee.pipelines.features;

import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.Csv;

/** Rows of {@code item_features.csv}: {@code movie_id,title,year,genres}. */
public final class ItemFeatures {
  /** CSV header of {@code item_features.csv}. */
  public static final String CSV_HEADER = "movie_id,title,year,genres";

  private ItemFeatures() {}

  /**
   * One CSV line: title without the "(year)" suffix and quoted when it contains a comma or quote,
   * year empty when the title has none, genres joined with {@code |} (empty for none).
   */
  public static String toCsv(Movie m) {
    return Csv.line(m.movieId(), m.title(), m.year() == null ? "" : m.year(), String.join("|", m.genres()));
  }
}
