package com.marquee.common.preprocess;

import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.RatingRow;

/**
 * The implicit-feedback rule of the preprocess stage: a rating of at least {@code minRating} stars is
 * a positive event whose confidence weight comes from the {@link WeightScheme}; lower ratings are
 * dropped. Used by the Beam stage ({@code preprocess/PreprocessTransform}) and by the trainer's
 * in-memory preprocess.
 */
public final class ImplicitFeedback {

  private ImplicitFeedback() {}

  /** The implicit-feedback event of rating {@code r}, or null when {@code r.rating() < minRating}. */
  public static Interaction toInteraction(RatingRow r, double minRating, WeightScheme weight) {
    return r.rating() >= minRating
        ? new Interaction(r.userId(), r.movieId(), r.rating(), weight.weightOf(r.rating()), r.timestamp())
        : null;
  }
}
