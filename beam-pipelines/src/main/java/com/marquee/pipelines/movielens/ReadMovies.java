package com.marquee.pipelines.movielens;

import com.marquee.common.domain.Movie;
import com.marquee.common.movielens.InvalidInputException;
import com.marquee.common.movielens.MovieLensFiles;
import com.marquee.common.movielens.MovieLensLayout;
import com.marquee.common.movielens.Reject;
import com.marquee.pipelines.io.MovieCoder;
import com.marquee.pipelines.io.RejectCoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads the movies file of a MovieLens directory into {@link Movie}s (year parsed out of the title,
 * genres split on {@code |}; for ml-100k the genres whose flag is 1, without "unknown").
 *
 * <p>Outputs {@link #MOVIES}: one {@link Movie} per valid row; {@link #REJECTS}: rows with a wrong
 * field count, a non-integer or negative movie_id, (ml-100k) a genre flag other than 0/1, or a
 * movie_id already listed on an earlier line (the first row wins). The file is parsed in one {@code
 * DoFn} call, so the duplicate check is a set of the ids seen.
 *
 * <p>Throws {@link InvalidInputException} (inside the pipeline) for an empty ml-latest file, a header
 * without {@code movieId,title,genres}, or a malformed quoted field. Row parsing: {@link MovieLensFiles}.
 */
public final class ReadMovies extends PTransform<PBegin, PCollectionTuple> {
  /** Valid movies, one per id (the first row of each id). */
  public static final TupleTag<Movie> MOVIES = new TupleTag<>() {};
  /** Invalid rows of the movies file. */
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  private final String filepattern;
  private final MovieLensLayout layout;

  private ReadMovies(String filepattern, MovieLensLayout layout) {
    this.filepattern = filepattern;
    this.layout = layout;
  }

  /** Reads {@code dir}'s movies file of the given layout. */
  public static ReadMovies from(Path dir, MovieLensLayout layout) {
    return new ReadMovies(dir.resolve(layout.moviesFile()).toString(), layout);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple parsed =
        begin
            .apply("Match", FileIO.match().filepattern(filepattern))
            .apply("ReadMatches", FileIO.readMatches())
            .apply("Parse", ParDo.of(new ParseFn(layout)).withOutputTags(MOVIES, TupleTagList.of(REJECTS)));
    parsed.get(MOVIES).setCoder(MovieCoder.of());
    parsed.get(REJECTS).setCoder(RejectCoder.of());
    return parsed;
  }

  private static final class ParseFn extends DoFn<FileIO.ReadableFile, Movie> {
    private final MovieLensLayout layout;

    ParseFn(MovieLensLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      FileIO.ReadableFile file = c.element();
      String source = file.getMetadata().resourceId().getFilename();
      try (InputStream in = Channels.newInputStream(file.open())) {
        MovieLensFiles.parseMovies(in, source, layout, c::output, r -> c.output(REJECTS, r));
      }
    }
  }
}
