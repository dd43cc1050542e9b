package com.marquee.common.movielens;

import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Row-level parsing of the raw MovieLens files, shared by the Beam readers (beam-pipelines'
 * {@code ReadMovies}, {@code ReadRatings}, one {@code DoFn} call per file) and by tools that read a data set directly
 * into memory ({@link #read}, e.g. {@code scripts/evaluate.sh}): both therefore accept and reject
 * exactly the same rows with the same reasons.
 *
 * <p>Movies: rows with a wrong field count, a non-integer or negative movie_id, (ml-100k) a genre flag
 * other than 0/1, or a movie_id already listed on an earlier line (the first row wins) are rejects.
 * Ratings: wrong field count, non-integer or negative user_id/movie_id/timestamp, non-numeric rating
 * or rating outside [0.5, 5], movie_id not among the valid movies. Duplicate (user, movie) ratings
 * are NOT handled here (preprocess keeps the latest).
 */
public final class MovieLensFiles {

  private MovieLensFiles() {}

  /**
   * A whole data set read into memory.
   *
   * @param layout the layout of the directory
   * @param movies valid movies in file order
   * @param ratings valid ratings in file order (duplicates kept)
   * @param rejects invalid rows of both files, movies file first
   */
  public record RawData(MovieLensLayout layout, List<Movie> movies, List<RatingRow> ratings, List<Reject> rejects) {}

  /**
   * Reads the movies and ratings files of {@code dir} without Beam.
   *
   * @throws InvalidInputException for an empty ml-latest file, a wrong header or an unparseable
   *     quoted field (the message names the file and line)
   * @throws IOException if a file cannot be read
   */
  public static RawData read(Path dir, MovieLensLayout layout) throws IOException {
    List<Movie> movies = new ArrayList<>();
    List<RatingRow> ratings = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    try (InputStream in = Files.newInputStream(dir.resolve(layout.moviesFile()))) {
      parseMovies(in, layout.moviesFile(), layout, movies::add, rejects::add);
    }
    Set<Long> known = new HashSet<>();
    movies.forEach(m -> known.add(m.movieId()));
    try (InputStream in = Files.newInputStream(dir.resolve(layout.ratingsFile()))) {
      parseRatings(in, layout.ratingsFile(), layout, known, ratings::add, rejects::add);
    }
    return new RawData(layout, movies, ratings, rejects);
  }

  /**
   * Parses one movies file.
   *
   * @param in the file's bytes (closed when done)
   * @param source file name for rejects and error messages
   * @param movies receives every valid movie, in file order
   * @param rejects receives every invalid row
   * @throws InvalidInputException for an empty ml-latest file, a header without movieId,title,genres
   *     or a malformed quoted field
   */
  public static void parseMovies(
      InputStream in, String source, MovieLensLayout layout, Consumer<Movie> movies, Consumer<Reject> rejects)
      throws IOException {
    try (MovieLensCsv csv = MovieLensCsv.open(source, in, layout.charset(), layout.moviesFormat())) {
      parseMovies(csv, source, layout, movies, rejects);
    }
  }

  private static void parseMovies(
      MovieLensCsv csv, String source, MovieLensLayout layout, Consumer<Movie> movies, Consumer<Reject> rejects) {
    HeaderColumns cols =
        switch (layout) {
          case ML_LATEST -> HeaderColumns.fromHeader(csv.next(), source, "movieId", "title", "genres");
          case ML_1M -> HeaderColumns.fixed(3, 0, 1, 2);
          case ML_100K -> HeaderColumns.fixed(5 + MovieLensLayout.ML_100K_GENRES.size(), 0, 1, -1);
        };
    Map<Long, Long> firstLine = new HashMap<>();
    MovieLensCsv.Row row;
    while ((row = csv.next()) != null) {
      try {
        Movie m = parseMovie(row, cols);
        Long first = firstLine.putIfAbsent(m.movieId(), row.line());
        if (first != null) {
          throw new BadRow("duplicate movie_id " + m.movieId() + " (first listed at line " + first + ")");
        }
        movies.accept(m);
      } catch (BadRow e) {
        rejects.accept(new Reject(source, row.line(), e.getMessage(), csv.raw()));
      }
    }
  }

  /**
   * Parses one ratings file.
   *
   * @param in the file's bytes (closed when done)
   * @param source file name for rejects and error messages
   * @param knownMovieIds ids of the valid movies; ratings of other ids are rejects
   * @param ratings receives every valid rating, in file order
   * @param rejects receives every invalid row
   * @throws InvalidInputException for an empty ml-latest file or a header without
   *     userId,movieId,rating,timestamp
   */
  public static void parseRatings(
      InputStream in,
      String source,
      MovieLensLayout layout,
      Set<Long> knownMovieIds,
      Consumer<RatingRow> ratings,
      Consumer<Reject> rejects)
      throws IOException {
    try (MovieLensCsv csv = MovieLensCsv.open(source, in, layout.charset(), layout.ratingsFormat())) {
      parseRatings(csv, source, layout, knownMovieIds, ratings, rejects);
    }
  }

  private static void parseRatings(
      MovieLensCsv csv,
      String source,
      MovieLensLayout layout,
      Set<Long> knownMovieIds,
      Consumer<RatingRow> ratings,
      Consumer<Reject> rejects) {
    HeaderColumns cols =
        layout.hasHeader()
            ? HeaderColumns.fromHeader(csv.next(), source, "userId", "movieId", "rating", "timestamp")
            : HeaderColumns.fixed(4, 0, 1, 2, 3);
    MovieLensCsv.Row row;
    while ((row = csv.next()) != null) {
      try {
        RatingRow r = parseRating(row, cols);
        if (!knownMovieIds.contains(r.movieId())) {
          throw new BadRow("movie_id " + r.movieId() + " not in " + layout.moviesFile());
        }
        ratings.accept(r);
      } catch (BadRow e) {
        rejects.accept(new Reject(source, row.line(), e.getMessage(), csv.raw()));
      }
    }
  }

  /** File name of the optional free-text tags file of the ml-latest layout. */
  public static final String TAGS_FILE = "tags.csv";

  /**
   * Parses one ml-latest {@code tags.csv} ({@code userId,movieId,tag,timestamp}, UTF-8, header line,
   * tags quoted when they contain commas). Rows with a wrong field count, a non-integer or negative
   * id or timestamp, an empty tag or a movie_id not among {@code knownMovieIds} are rejects.
   *
   * @param in the file's bytes (closed when done)
   * @param source file name for rejects and error messages
   * @param tags receives every valid row, in file order
   * @param rejects receives every invalid row
   * @throws InvalidInputException for an empty file, a header without userId,movieId,tag,timestamp or
   *     a malformed quoted field
   */
  public static void parseTags(
      InputStream in, String source, Set<Long> knownMovieIds, Consumer<TagRow> tags, Consumer<Reject> rejects)
      throws IOException {
    MovieLensLayout layout = MovieLensLayout.ML_LATEST;
    try (MovieLensCsv csv = MovieLensCsv.open(source, in, layout.charset(), layout.moviesFormat())) {
      HeaderColumns cols = HeaderColumns.fromHeader(csv.next(), source, "userId", "movieId", "tag", "timestamp");
      MovieLensCsv.Row row;
      while ((row = csv.next()) != null) {
        try {
          BadRow.expectFields(row, cols.fieldCount());
          int[] ix = cols.index();
          long user = BadRow.nonNegativeLong("user_id", row.get(ix[0]));
          long movie = BadRow.nonNegativeLong("movie_id", row.get(ix[1]));
          String tag = row.get(ix[2]).strip();
          if (tag.isEmpty()) {
            throw new BadRow("empty tag");
          }
          long ts = BadRow.nonNegativeLong("timestamp", row.get(ix[3]));
          if (!knownMovieIds.contains(movie)) {
            throw new BadRow("movie_id " + movie + " not in " + layout.moviesFile());
          }
          tags.accept(new TagRow(user, movie, tag, ts, row.line()));
        } catch (BadRow e) {
          rejects.accept(new Reject(source, row.line(), e.getMessage(), csv.raw()));
        }
      }
    }
  }

  /**
   * The tags of {@code dir/tags.csv} grouped by movie: movie id to its tags in file order (a tag
   * given by several users appears once per user). Empty when the directory has no {@code tags.csv}
   * (ml-100k, ml-1m, or an ml-latest copy without it); invalid rows are skipped.
   *
   * @throws InvalidInputException for a wrong header or an unparseable quoted field
   * @throws IOException if the file cannot be read
   */
  public static Map<Long, List<String>> readTags(Path dir, Set<Long> knownMovieIds) throws IOException {
    Path file = dir.resolve(TAGS_FILE);
    Map<Long, List<String>> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    Consumer<TagRow> group = t -> out.computeIfAbsent(t.movieId(), k -> new ArrayList<>()).add(t.tag());
    Consumer<Reject> skip = r -> {};
    try (InputStream in = Files.newInputStream(file)) {
      parseTags(in, TAGS_FILE, knownMovieIds, group, skip);
    }
    return out;
  }

  private static RatingRow parseRating(MovieLensCsv.Row row, HeaderColumns cols) throws BadRow {
    BadRow.expectFields(row, cols.fieldCount());
    int[] ix = cols.index();
    long user = BadRow.nonNegativeLong("user_id", row.get(ix[0]));
    long movie = BadRow.nonNegativeLong("movie_id", row.get(ix[1]));
    String ratingText = row.get(ix[2]).strip();
    float rating;
    try {
      rating = Float.parseFloat(ratingText);
    } catch (NumberFormatException e) {
      throw new BadRow("rating '" + ratingText + "' is not a number");
    }
    if (!(rating >= 0.5f && rating <= 5.0f)) {
      throw new BadRow("rating " + ratingText + " outside [0.5, 5]");
    }
    long ts = BadRow.nonNegativeLong("timestamp", row.get(ix[3]));
    return new RatingRow(user, movie, rating, ts, row.line());
  }

  private static Movie parseMovie(MovieLensCsv.Row row, HeaderColumns cols) throws BadRow {
    BadRow.expectFields(row, cols.fieldCount());
    int[] ix = cols.index();
    long id = BadRow.nonNegativeLong("movie_id", row.get(ix[0]));
    String title = row.get(ix[1]);
    String genres = ix[2] >= 0 ? row.get(ix[2]) : ml100kGenres(row);
    return Movie.fromMovieLens(id, title, genres);
  }

  /** The genres whose flag (columns 5..23 of u.item) is 1, "unknown" excluded, joined with '|'. */
  private static String ml100kGenres(MovieLensCsv.Row row) throws BadRow {
    List<String> genres = new ArrayList<>();
    for (int g = 0; g < MovieLensLayout.ML_100K_GENRES.size(); g++) {
      String flag = row.get(5 + g).strip();
      if (flag.equals("1")) {
        if (g > 0) {
          genres.add(MovieLensLayout.ML_100K_GENRES.get(g));
        }
      } else if (!flag.equals("0")) {
        throw new BadRow("genre flag '" + flag + "' in field " + (6 + g) + " is not 0 or 1");
      }
    }
    return String.join("|", genres);
  }
}
