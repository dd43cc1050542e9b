package com.marquee.trainer.data;

import com.marquee.common.config.DataConfig;
import com.marquee.common.domain.Interaction;
import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.MovieLensFiles;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.RatingRow;
import com.marquee.common.preprocess.ImplicitFeedback;
import com.marquee.common.preprocess.LatestRating;
import com.marquee.common.preprocess.MinInteractions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The preprocess stage (beam-pipelines' {@code preprocess/PreprocessTransform}) without Beam, for
 * tools that need a data set's implicit feedback in memory (offline evaluation): the same row parsing ({@link MovieLensFiles}),
 * the same latest-rating-per-pair rule ({@link LatestRating#latestPerPair}), the same implicit
 * conversion ({@link ImplicitFeedback#toInteraction}) and the same one-pass minimum-interactions
 * filter ({@link MinInteractions#apply}). A test checks that both produce the same interactions.
 *
 * <p>Memory: every valid rating is held at once (about 60 bytes each; ~1.2 GB for ML-20M).
 */
public final class InMemoryPreprocess {

  private InMemoryPreprocess() {}

  /**
   * What preprocess produced.
   *
   * @param layout the layout of the raw directory
   * @param interactions implicit feedback, sorted by user_id then movie_id
   * @param validRatings valid rating rows read (duplicates included)
   * @param rejects invalid rows of the movies and ratings files
   * @param latestRatings ratings left after keeping the latest per (user, movie)
   * @param movies the valid movies of the movies file, in file order (the whole catalog, rated or not)
   */
  public record Result(
      MovieLensLayout layout, List<Interaction> interactions, long validRatings, long rejects, long latestRatings,
      List<Movie> movies) {}

  /**
   * Reads {@code dir} and applies the preprocess steps.
   *
   * @param layout the layout ({@link MovieLensLayout#resolve} checks the files exist)
   * @throws com.marquee.common.movielens.InvalidInputException for a wrong header or unparseable file
   * @throws IOException if a file cannot be read
   */
  public static Result run(Path dir, MovieLensLayout layout, DataConfig.Implicit implicit, DataConfig.Filter filter)
      throws IOException {
    MovieLensFiles.RawData raw = MovieLensFiles.read(dir, layout);
    List<RatingRow> latest = new ArrayList<>(LatestRating.latestPerPair(raw.ratings()));
    List<Interaction> positives = new ArrayList<>();
    for (RatingRow r : latest) {
      Interaction i = ImplicitFeedback.toInteraction(r, implicit.minRating(), implicit.weight());
      if (i != null) {
        positives.add(i);
      }
    }
    positives.sort(Comparator.comparingLong(Interaction::userId).thenComparingLong(Interaction::movieId));
    List<Interaction> kept =
        MinInteractions.apply(positives, filter.minItemInteractions(), filter.minUserInteractions());
    return new Result(layout, List.copyOf(kept), raw.ratings().size(), raw.rejects().size(), latest.size(),
        List.copyOf(raw.movies()));
  }
}
