package com.marquee.pipelines.movielens;

import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.RatingRow;
import com.marquee.common.movielens.Reject;
import com.marquee.pipelines.io.RejectCoder;
import java.nio.file.Path;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The reading end of the preprocess stage: the movies and ratings files of a raw MovieLens directory
 * ({@link ReadMovies}, {@link ReadRatings}) to {@link #RATINGS}, the valid ratings of movies listed in
 * the movies file, and {@link #REJECTS}, every row of either file that could not be used (rejects.csv,
 * with its line number).
 */
public final class ReadMovieLens extends PTransform<PBegin, PCollectionTuple> {
  /** Valid explicit ratings of known movies, duplicates per (user, movie) included. */
  public static final TupleTag<RatingRow> RATINGS = new TupleTag<>() {};
  /** Rows of the raw files that could not be used. */
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  private final Path dir;
  private final MovieLensLayout layout;

  private ReadMovieLens(Path dir, MovieLensLayout layout) {
    this.dir = dir;
    this.layout = layout;
  }

  /**
   * @param dir the raw MovieLens directory
   * @param layout its layout ({@link MovieLensLayout#resolve} checks the files exist)
   */
  public static ReadMovieLens from(Path dir, MovieLensLayout layout) {
    return new ReadMovieLens(dir, layout);
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
    return PCollectionTuple.of(RATINGS, ratings.get(ReadRatings.RATINGS))
        .and(REJECTS, PCollectionList.of(movies.get(ReadMovies.REJECTS))
            .and(ratings.get(ReadRatings.REJECTS))
            .apply("AllRejects", Flatten.pCollections())
            .setCoder(RejectCoder.of()));
  }
}
