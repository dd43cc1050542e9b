package com.marquee.service.recommend;

import java.util.List;

/**
 * Ranked movies for one request.
 *
 * @param items best first
 * @param fallback true when the ranking is not personalized (see {@code fallbackReason})
 * @param fallbackReason e.g. {@link Recommender#UNKNOWN_USER}; {@code null} when not a fallback
 */
public record Recommendations(List<Scored> items, boolean fallback, String fallbackReason) {

  /**
   * @param movieId external movie id
   * @param score model score (inner product) or, for a popularity fallback, the popularity score in (0, 1]
   * @param row the movie's item row in the model, or -1 when not known here (popularity fallbacks)
   */
  public record Scored(long movieId, double score, int row) {

    /** An entry whose item row is not known ({@code row = -1}). */
    public Scored(long movieId, double score) {
      this(movieId, score, -1);
    }
  }

  public Recommendations {
    items = List.copyOf(items);
  }
}
