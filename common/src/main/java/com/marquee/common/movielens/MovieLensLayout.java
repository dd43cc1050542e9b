package com.marquee.common.movielens;

import com.marquee.common.config.MovieLensFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The concrete files, encodings and CSV dialects of the three published MovieLens layouts (SPEC §3).
 *
 * <ul>
 *   <li>{@link #ML_LATEST}: {@code ratings.csv} ({@code userId,movieId,rating,timestamp}) and
 *       {@code movies.csv} ({@code movieId,title,genres}, titles quoted when they contain commas),
 *       UTF-8, header line, columns found by header name.
 *   <li>{@link #ML_100K}: {@code u.data} (tab-separated {@code user item rating timestamp}) and
 *       {@code u.item} ({@code |}-separated: id, title, release date, video release date, IMDb URL
 *       and 19 genre flags), ISO-8859-1, no header.
 *   <li>{@link #ML_1M}: {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp}) and {@code
 *       movies.dat} ({@code MovieID::Title::Genres}), ISO-8859-1, no header.
 * </ul>
 *
 * Ratings files are read without a quote character (their fields are numbers; a stray quote makes
 * the row a reject rather than swallowing the following lines).
 */
public enum MovieLensLayout {
  ML_LATEST("ratings.csv", "movies.csv", StandardCharsets.UTF_8, true, csv(",", null), csv(",", '"')),
  ML_100K("u.data", "u.item", StandardCharsets.ISO_8859_1, false, csv("\t", null), csv("|", null)),
  ML_1M("ratings.dat", "movies.dat", StandardCharsets.ISO_8859_1, false, csv("::", null), csv("::", null));

  /** The 19 genre flags of ml-100k's u.item, in column order (from u.genre). */
  static final List<String> ML_100K_GENRES =
      List.of(
          "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
          "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
          "Sci-Fi", "Thriller", "War", "Western");

  private final String ratingsFile;
  private final String moviesFile;
  private final Charset charset;
  private final boolean header;
  private final CSVFormat ratingsFormat;
  private final CSVFormat moviesFormat;

  MovieLensLayout(
      String ratingsFile,
      String moviesFile,
      Charset charset,
      boolean header,
      CSVFormat ratingsFormat,
      CSVFormat moviesFormat) {
    this.ratingsFile = ratingsFile;
    this.moviesFile = moviesFile;
    this.charset = charset;
    this.header = header;
    this.ratingsFormat = ratingsFormat;
    this.moviesFormat = moviesFormat;
  }

  private static CSVFormat csv(String delimiter, Character quote) {
    return CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setQuote(quote)
        .setIgnoreEmptyLines(false)
        .get();
  }

  /** File name of the ratings file, e.g. {@code u.data}. */
  public String ratingsFile() {
    return ratingsFile;
  }

  /** File name of the movies file, e.g. {@code u.item}. */
  public String moviesFile() {
    return moviesFile;
  }

  /** Character encoding of both files. */
  public Charset charset() {
    return charset;
  }

  /** Whether the files start with a header line. */
  public boolean hasHeader() {
    return header;
  }

  CSVFormat ratingsFormat() {
    return ratingsFormat;
  }

  CSVFormat moviesFormat() {
    return moviesFormat;
  }

  /**
   * The layout of directory {@code dir}: for {@link MovieLensFormat#AUTO} the first layout (in the
   * order ml-latest, ml-100k, ml-1m) whose ratings and movies files both exist; otherwise the given
   * layout, after checking that its two files exist.
   *
   * @throws InvalidInputException if the directory does not exist or lacks the files
   */
  public static MovieLensLayout resolve(Path dir, MovieLensFormat format) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("MovieLens directory not found: " + dir);
    }
    if (format == MovieLensFormat.AUTO) {
      for (MovieLensLayout layout : values()) {
        if (layout.presentIn(dir)) {
          return layout;
        }
      }
      throw new InvalidInputException(
          "no MovieLens files in "
              + dir
              + ": expected ratings.csv+movies.csv (ml-latest), u.data+u.item (ml-100k)"
              + " or ratings.dat+movies.dat (ml-1m)");
    }
    MovieLensLayout layout = valueOf(format.name());
    for (String f : List.of(layout.ratingsFile, layout.moviesFile)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new InvalidInputException(
            "format " + format.configName() + " needs " + f + ", not found in " + dir);
      }
    }
    return layout;
  }

  private boolean presentIn(Path dir) {
    return Files.isRegularFile(dir.resolve(ratingsFile)) && Files.isRegularFile(dir.resolve(moviesFile));
  }
}
