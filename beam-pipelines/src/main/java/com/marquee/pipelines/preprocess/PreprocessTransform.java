package com.marquee.pipelines.preprocess;

import com.marquee.common.config.DataConfig;
import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.RatingRow;
import com.marquee.common.preprocess.ImplicitFeedback;
import com.marquee.pipelines.io.InteractionCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Preprocess: valid MovieLens ratings to implicit feedback. Reading the raw files (and their
 * rejects) is the pipeline's first step ({@code movielens/ReadMovieLens}), writing the CSVs its last
 * ({@link PreprocessPipeline}), so this transform can be fed with {@code Create.of(ratings)}.
 *
 * <ol>
 *   <li>Keeps the latest rating per (user_id, movie_id) ({@link LatestRatingPerPair}; not a reject).
 *   <li>Implicit conversion ({@link ImplicitFeedback}): a rating {@code >= implicit.min_rating} becomes
 *       an {@link Interaction} with weight 1 ({@code binary}) or the rating ({@code rating}); lower
 *       ratings are dropped.
 *   <li>{@link MinInteractionsFilter}: one pass, items first, then users.
 * </ol>
 *
 * Output: one interaction per kept (user, movie), timestamps in seconds since the epoch.
 */
public final class PreprocessTransform extends PTransform<PCollection<RatingRow>, PCollection<Interaction>> {
  private final DataConfig.Implicit implicit;
  private final DataConfig.Filter filter;

  private PreprocessTransform(DataConfig.Implicit implicit, DataConfig.Filter filter) {
    this.implicit = implicit;
    this.filter = filter;
  }

  /**
   * @param implicit threshold and weight scheme of the implicit conversion
   * @param filter the minimum-interactions thresholds
   */
  public static PreprocessTransform of(DataConfig.Implicit implicit, DataConfig.Filter filter) {
    return new PreprocessTransform(implicit, filter);
  }

  @Override
  public PCollection<Interaction> expand(PCollection<RatingRow> ratings) {
    return ratings
        .apply("LatestPerUserMovie", new LatestRatingPerPair())
        .apply(
            "ImplicitFeedback",
            ParDo.of(new ImplicitFeedbackFn(implicit.minRating(), implicit.weight())))
        .setCoder(InteractionCoder.of())
        .apply(
            "MinInteractions",
            MinInteractionsFilter.of(filter.minItemInteractions(), filter.minUserInteractions()));
  }

  /** Keeps ratings {@code >= minRating} as implicit feedback with the scheme's weight ({@link ImplicitFeedback}). */
  static final class ImplicitFeedbackFn extends DoFn<RatingRow, Interaction> {
    private final double minRating;
    private final WeightScheme weight;

    ImplicitFeedbackFn(double minRating, WeightScheme weight) {
      this.minRating = minRating;
      this.weight = weight;
    }

    @ProcessElement
    public void process(@Element RatingRow r, OutputReceiver<Interaction> out) {
      Interaction i = ImplicitFeedback.toInteraction(r, minRating, weight);
      if (i != null) {
        out.output(i);
      }
    }
  }
}
