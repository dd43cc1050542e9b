package com.marquee.pipelines.preprocess;

import com.marquee.common.config.DataConfig;
import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.RatingRow;
import com.marquee.common.movielens.Reject;
import com.marquee.common.preprocess.ImplicitFeedback;
import com.marquee.pipelines.io.InteractionCoder;
import com.marquee.pipelines.io.RejectCoder;
import com.marquee.pipelines.movielens.ReadMovies;
import com.marquee.pipelines.movielens.ReadRatings;
import java.nio.file.Path;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Preprocess: raw MovieLens ratings to implicit feedback.
 *
 * <ol>
 *   <li>Reads the movies and ratings files ({@link ReadMovies}, {@link ReadRatings}); invalid rows
 *       and ratings of movies missing from the movies file go to {@link #REJECTS}.
 *   <li>Keeps the latest rating per (user_id, movie_id) (not a reject).
 *   <li>Implicit conversion: a rating {@code >= implicit.min_rating} becomes an {@link Interaction}
 *       with weight 1 ({@code binary}) or the rating ({@code rating}); lower ratings are dropped.
 *   <li>{@link MinInteractionsFilter}: one pass, items first, then users.
 * </ol>
 *
 * Outputs {@link #INTERACTIONS} (one per kept (user, movie), timestamps in seconds since the epoch)
 * and {@link #REJECTS}.
 */
public final class PreprocessTransform extends PTransform<PBegin, PCollectionTuple> {
  /** Implicit-feedback interactions that survived the filter. */
  public static final TupleTag<Interaction> INTERACTIONS = new TupleTag<>() {};
  /** Rows of the raw files that could not be used (rejects.csv). */
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  private final Path dir;
  private final MovieLensLayout layout;
  private final DataConfig.Implicit implicit;
  private final DataConfig.Filter filter;

  private PreprocessTransform(
      Path dir, MovieLensLayout layout, DataConfig.Implicit implicit, DataConfig.Filter filter) {
    this.dir = dir;
    this.layout = layout;
    this.implicit = implicit;
    this.filter = filter;
  }

  /**
   * @param dir the raw MovieLens directory
   * @param layout its layout ({@link MovieLensLayout#resolve} checks the files exist)
   * @param implicit threshold and weight scheme of the implicit conversion
   * @param filter the minimum-interactions thresholds
   */
  public static PreprocessTransform of(
      Path dir, MovieLensLayout layout, DataConfig.Implicit implicit, DataConfig.Filter filter) {
    return new PreprocessTransform(dir, layout, implicit, filter);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple movies = begin.apply("ReadMovies", ReadMovies.from(dir, layout));
    PCollectionView<Iterable<Long>> movieIds =
        movies
            .get(ReadMovies.MOVIES)
            .apply("MovieIds", MapElements.into(TypeDescriptors.longs()).via(Movie::movieId))
            .apply("AsSideInput", View.asIterable());
    PCollectionTuple ratings = begin.apply("ReadRatings", ReadRatings.from(dir, layout, movieIds));

    PCollection<Interaction> interactions =
        ratings
            .get(ReadRatings.RATINGS)
            .apply("LatestPerUserMovie", new LatestRatingPerPair())
            .apply(
                "ImplicitFeedback",
                ParDo.of(new ImplicitFeedbackFn(implicit.minRating(), implicit.weight())))
            .setCoder(InteractionCoder.of())
            .apply(
                "MinInteractions",
                MinInteractionsFilter.of(filter.minItemInteractions(), filter.minUserInteractions()));

    PCollection<Reject> rejects =
        PCollectionList.of(movies.get(ReadMovies.REJECTS))
            .and(ratings.get(ReadRatings.REJECTS))
            .apply("AllRejects", Flatten.pCollections())
            .setCoder(RejectCoder.of());
    return PCollectionTuple.of(INTERACTIONS, interactions).and(REJECTS, rejects);
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
