package com.marquee.pipelines.movielens;

import com.marquee.common.movielens.InvalidInputException;
import com.marquee.common.movielens.MovieLensFiles;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.RatingRow;
import com.marquee.common.movielens.Reject;
import com.marquee.pipelines.io.RatingRowCoder;
import com.marquee.pipelines.io.RejectCoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads the ratings file of a MovieLens directory ({@link FileIO#match()} + {@link
 * FileIO#readMatches()}, parsed with commons-csv in one {@code DoFn} call per file so that every row
 * knows its line number).
 *
 * <p>Outputs {@link #RATINGS}: every valid row as a {@link RatingRow}; {@link #REJECTS}: every
 * invalid row, with reason: wrong field count, non-integer or negative user_id/movie_id/timestamp,
 * non-numeric rating or rating outside [0.5, 5], movie_id not among the valid rows of the movies
 * file (given as the side input). Duplicates are NOT handled here.
 *
 * <p>Throws {@link InvalidInputException} (inside the pipeline) for an empty ml-latest file or a
 * header without {@code userId,movieId,rating,timestamp}.
 */
public final class ReadRatings extends PTransform<PBegin, PCollectionTuple> {
  /** Valid ratings. */
  public static final TupleTag<RatingRow> RATINGS = new TupleTag<>() {};
  /** Invalid rows of the ratings file. */
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  private final String filepattern;
  private final MovieLensLayout layout;
  private final PCollectionView<Iterable<Long>> knownMovieIds;

  private ReadRatings(String filepattern, MovieLensLayout layout, PCollectionView<Iterable<Long>> ids) {
    this.filepattern = filepattern;
    this.layout = layout;
    this.knownMovieIds = ids;
  }

  /**
   * @param dir the MovieLens directory
   * @param layout its layout (see {@link MovieLensLayout#resolve})
   * @param knownMovieIds ids of the valid movies (as a side input); ratings of other ids are rejects
   */
  public static ReadRatings from(Path dir, MovieLensLayout layout, PCollectionView<Iterable<Long>> knownMovieIds) {
    return new ReadRatings(dir.resolve(layout.ratingsFile()).toString(), layout, knownMovieIds);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple out =
        begin
            .apply("Match", FileIO.match().filepattern(filepattern))
            .apply("ReadMatches", FileIO.readMatches())
            .apply(
                "Parse",
                ParDo.of(new ParseFn(layout, knownMovieIds))
                    .withSideInputs(knownMovieIds)
                    .withOutputTags(RATINGS, TupleTagList.of(REJECTS)));
    out.get(RATINGS).setCoder(RatingRowCoder.of());
    out.get(REJECTS).setCoder(RejectCoder.of());
    return out;
  }

  private static final class ParseFn extends DoFn<FileIO.ReadableFile, RatingRow> {
    private final MovieLensLayout layout;
    private final PCollectionView<Iterable<Long>> knownMovieIds;
    private final Counter rows = Metrics.counter(ReadRatings.class, "rating_rows");
    private final Counter rejected = Metrics.counter(ReadRatings.class, "rating_rejects");

    ParseFn(MovieLensLayout layout, PCollectionView<Iterable<Long>> knownMovieIds) {
      this.layout = layout;
      this.knownMovieIds = knownMovieIds;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Set<Long> known = new HashSet<>();
      for (Long id : c.sideInput(knownMovieIds)) {
        known.add(id);
      }
      FileIO.ReadableFile file = c.element();
      String source = file.getMetadata().resourceId().getFilename();
      try (InputStream in = Channels.newInputStream(file.open())) {
        MovieLensFiles.parseRatings(in, source, layout, known,
            r -> {
              rows.inc();
              c.output(r);
            },
            r -> {
              rows.inc();
              rejected.inc();
              c.output(REJECTS, r);
            });
      }
    }
  }
}
