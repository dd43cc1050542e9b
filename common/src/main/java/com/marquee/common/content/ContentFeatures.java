package com.marquee.common.content;

import com.marquee.common.artifact.ArtifactException;
import com.marquee.common.artifact.Json;
import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The content featurizer of a movie: the same code turns a catalog movie into a feature row at
 * training time (trainer, to fit {@link ContentMapping}) and a movie added by {@code PUT
 * /admin/items/{id}} into one in the server, so both see exactly the same features. Immutable and
 * thread-safe once built.
 *
 * <p>Feature layout of {@link #encode} ({@code float[nFeatures()]}), in this order:
 *
 * <ol>
 *   <li>{@link #BIAS}: the intercept, always {@code 1}.
 *   <li>genres: one column per genre of the fitted catalog (sorted); {@code (no genres listed)} and
 *       genres not in the vocabulary encode as no genre.
 *   <li>year bucket: one column per {@link Params#yearBucketYears}-year bucket (e.g. decades) from the
 *       oldest to the newest bucket of the fitted catalog; a year outside that range falls into the
 *       first or last bucket, an unknown year into none.
 *   <li>title tokens: title lower-cased, accents folded (Unicode NFD, combining marks removed), split on
 *       every character that is not a letter or digit; a trailing MovieLens {@code (1995)} is not a token.
 *       Only tokens of at least {@link Params#minTitleCount} fitted movies are columns.
 *   <li>tag tokens: the MovieLens {@code tags.csv} tags of the movie, tokenised the same way; columns
 *       are the tokens of at least {@link Params#minTagCount} fitted movies.
 * </ol>
 *
 * <p>Values: each group is binary (a token or genre is present or not, however often) and then
 * L2-normalised within the group and multiplied by the group's weight, so a group with {@code n > 0}
 * active columns contributes {@code weight / sqrt(n)} to each of them (squared norm {@code weight²});
 * an empty group is all zeros. The bias is not scaled.
 *
 * <p>The vocabulary and parameters are stored as {@code content_features.json} ({@link #write},
 * {@link #read}). Features after Gantner, Drumond, Freudenthaler, Rendle and Schmidt-Thieme, "Learning
 * Attribute-to-Feature Mappings for Cold-Start Recommendations", ICDM 2010.
 */
public final class ContentFeatures {

  /** Column of the intercept feature, always {@code 1}. */
  public static final int BIAS = 0;

  /** Format version written into {@code content_features.json}. */
  public static final int FORMAT_VERSION = 1;

  private static final Pattern NON_TOKEN = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /**
   * Parameters of the featurizer.
   *
   * @param minTitleCount a title token is a feature when at least this many fitted movies have it ({@code >= 1})
   * @param minTagCount a tag token is a feature when at least this many fitted movies have it ({@code >= 1})
   * @param yearBucketYears width of a year bucket in years ({@code >= 1}; 10 = decades)
   * @param genreWeight L2 norm of the genre group ({@code >= 0})
   * @param yearWeight value of the active year bucket ({@code >= 0})
   * @param titleWeight L2 norm of the title-token group ({@code >= 0})
   * @param tagWeight L2 norm of the tag-token group ({@code >= 0})
   */
  public record Params(
      int minTitleCount,
      int minTagCount,
      int yearBucketYears,
      double genreWeight,
      double yearWeight,
      double titleWeight,
      double tagWeight) {

    /** Defaults: tokens of at least 5 (titles) and 3 (tags) movies, decades, every group weight 1. */
    public static final Params DEFAULTS = new Params(5, 3, 10, 1.0, 1.0, 1.0, 1.0);

    public Params {
      if (minTitleCount < 1 || minTagCount < 1 || yearBucketYears < 1) {
        throw new IllegalArgumentException(
            "content feature counts must be >= 1: min_title_count " + minTitleCount + ", min_tag_count "
                + minTagCount + ", year_bucket_years " + yearBucketYears);
      }
      for (double w : new double[] {genreWeight, yearWeight, titleWeight, tagWeight}) {
        if (!(w >= 0) || !Double.isFinite(w)) {
          throw new IllegalArgumentException("content feature weights must be finite and >= 0, got " + w);
        }
      }
    }
  }

  /** The JSON form of {@code content_features.json}. */
  record Stored(
      int formatVersion,
      int nFeatures,
      Params params,
      List<String> genres,
      Integer firstYearBucket,
      int yearBuckets,
      List<String> titleTokens,
      List<String> tagTokens) {}

  private final Params params;
  private final List<String> genres;
  private final Integer firstYearBucket;
  private final int yearBuckets;
  private final List<String> titleTokens;
  private final List<String> tagTokens;
  private final Map<String, Integer> genreColumn = new HashMap<>();
  private final Map<String, Integer> titleColumn = new HashMap<>();
  private final Map<String, Integer> tagColumn = new HashMap<>();
  private final int yearOffset;
  private final int titleOffset;
  private final int tagOffset;
  private final int nFeatures;

  private ContentFeatures(
      Params params,
      List<String> genres,
      Integer firstYearBucket,
      int yearBuckets,
      List<String> titleTokens,
      List<String> tagTokens) {
    this.params = params;
    this.genres = List.copyOf(genres);
    this.firstYearBucket = firstYearBucket;
    this.yearBuckets = yearBuckets;
    this.titleTokens = List.copyOf(titleTokens);
    this.tagTokens = List.copyOf(tagTokens);
    int col = BIAS + 1;
    col = index(this.genres, genreColumn, col, "genre");
    yearOffset = col;
    col += yearBuckets;
    titleOffset = col;
    col = index(this.titleTokens, titleColumn, col, "title token");
    tagOffset = col;
    col = index(this.tagTokens, tagColumn, col, "tag token");
    nFeatures = col;
  }

  private static int index(List<String> names, Map<String, Integer> columns, int start, String what) {
    int col = start;
    for (String n : names) {
      if (columns.putIfAbsent(n, col) != null) {
        throw new IllegalArgumentException("duplicate " + what + " '" + n + "'");
      }
      col++;
    }
    return col;
  }

  /**
   * Builds the vocabulary from the training catalog.
   *
   * @param movies the catalog (genres, years and titles of every movie)
   * @param tags movie id to its raw tags (e.g. {@code tags.csv}, a tag once per user who gave it);
   *     movies without tags may be absent; ids not in {@code movies} are ignored
   * @param params thresholds and group weights
   */
  public static ContentFeatures fit(Collection<Movie> movies, Map<Long, List<String>> tags, Params params) {
    Set<String> genreSet = new TreeSet<>();
    Integer minBucket = null;
    Integer maxBucket = null;
    Map<String, Integer> titleCounts = new TreeMap<>();
    Map<String, Integer> tagCounts = new TreeMap<>();
    for (Movie m : movies) {
      genreSet.addAll(m.genres());
      if (m.year() != null) {
        int b = Math.floorDiv(m.year(), params.yearBucketYears()) * params.yearBucketYears();
        minBucket = minBucket == null ? b : Math.min(minBucket, b);
        maxBucket = maxBucket == null ? b : Math.max(maxBucket, b);
      }
      for (String t : new HashSet<>(tokens(titleWithoutYear(m.title())))) {
        titleCounts.merge(t, 1, Integer::sum);
      }
      for (String t : tagTokenSet(tags.getOrDefault(m.movieId(), List.of()))) {
        tagCounts.merge(t, 1, Integer::sum);
      }
    }
    int buckets = minBucket == null ? 0 : (maxBucket - minBucket) / params.yearBucketYears() + 1;
    return new ContentFeatures(
        params,
        new ArrayList<>(genreSet),
        minBucket,
        buckets,
        frequent(titleCounts, params.minTitleCount()),
        frequent(tagCounts, params.minTagCount()));
  }

  private static List<String> frequent(Map<String, Integer> counts, int min) {
    List<String> out = new ArrayList<>();
    counts.forEach((t, c) -> {
      if (c >= min) {
        out.add(t);
      }
    });
    return out;
  }

  /**
   * The tokens of a text: lower-cased ({@link Locale#ROOT}), accents folded (NFD, combining marks
   * removed), split on runs of characters that are neither letters nor digits; empty tokens dropped.
   * E.g. {@code "Amélie (Fabuleux destin d'Amélie Poulain, Le)"} gives {@code [amelie, fabuleux,
   * destin, d, amelie, poulain, le]}.
   */
  public static List<String> tokens(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    List<String> out = new ArrayList<>();
    for (String t : NON_TOKEN.split(folded.toLowerCase(Locale.ROOT))) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** The title without a trailing MovieLens year such as {@code (1995)}, by {@link Movie#fromMovieLens}'s rule. */
  private static String titleWithoutYear(String title) {
    return title == null ? "" : Movie.fromMovieLens(0, title, "").title();
  }

  private static Set<String> tagTokenSet(List<String> tags) {
    Set<String> out = new LinkedHashSet<>();
    if (tags != null) {
      for (String tag : tags) {
        out.addAll(tokens(tag));
      }
    }
    return out;
  }

  /**
   * The feature row of one movie, {@code float[nFeatures()]}, laid out and normalised as described
   * in the class comment.
   *
   * @param title the title, with or without a trailing {@code (year)} (which is not tokenised)
   * @param year release year, or {@code null} when unknown
   * @param genres MovieLens genres; genres unknown to the vocabulary and {@code (no genres listed)}
   *     are ignored; {@code null} means none
   * @param tags free-text tags (any number, repeated or not); {@code null} means none
   */
  public float[] encode(String title, Integer year, List<String> genres, List<String> tags) {
    float[] x = new float[nFeatures];
    x[BIAS] = 1f;
    Set<Integer> g = new TreeSet<>();
    if (genres != null) {
      for (String name : genres) {
        Integer c = genreColumn.get(name);
        if (c != null) {
          g.add(c);
        }
      }
    }
    fill(x, g, params.genreWeight());
    if (year != null && yearBuckets > 0) {
      int b = Math.floorDiv(year, params.yearBucketYears()) * params.yearBucketYears();
      int i = Math.clamp((b - firstYearBucket) / params.yearBucketYears(), 0, yearBuckets - 1);
      x[yearOffset + i] = (float) params.yearWeight();
    }
    fill(x, columns(tokens(titleWithoutYear(title)), titleColumn), params.titleWeight());
    fill(x, columns(tagTokenSet(tags), tagColumn), params.tagWeight());
    return x;
  }

  /** {@link #encode(String, Integer, List, List)} of a catalog movie with its tags. */
  public float[] encode(Movie movie, List<String> tags) {
    return encode(movie.title(), movie.year(), movie.genres(), tags);
  }

  private static Set<Integer> columns(Collection<String> tokens, Map<String, Integer> vocabulary) {
    Set<Integer> out = new TreeSet<>();
    for (String t : tokens) {
      Integer c = vocabulary.get(t);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private static void fill(float[] x, Set<Integer> active, double weight) {
    if (active.isEmpty()) {
      return;
    }
    float v = (float) (weight / Math.sqrt(active.size()));
    for (int c : active) {
      x[c] = v;
    }
  }

  /** Number of features, the length of every {@link #encode} row (bias included). */
  public int nFeatures() {
    return nFeatures;
  }

  /** The parameters it was fitted with. */
  public Params params() {
    return params;
  }

  /** Genre vocabulary, in column order. */
  public List<String> genres() {
    return genres;
  }

  /** Title-token vocabulary, in column order. */
  public List<String> titleTokens() {
    return titleTokens;
  }

  /** Tag-token vocabulary, in column order. */
  public List<String> tagTokens() {
    return tagTokens;
  }

  /** Number of year-bucket columns. */
  public int yearBuckets() {
    return yearBuckets;
  }

  /**
   * Readable name of every column, {@code List<String>} of size {@link #nFeatures()}: {@code bias},
   * {@code genre:Comedy}, {@code year:1990} (the bucket's first year), {@code title:story}, {@code tag:pixar}.
   */
  public List<String> featureNames() {
    List<String> out = new ArrayList<>(nFeatures);
    out.add("bias");
    genres.forEach(g -> out.add("genre:" + g));
    for (int i = 0; i < yearBuckets; i++) {
      out.add("year:" + (firstYearBucket + i * params.yearBucketYears()));
    }
    titleTokens.forEach(t -> out.add("title:" + t));
    tagTokens.forEach(t -> out.add("tag:" + t));
    return out;
  }

  /**
   * Writes {@code content_features.json}: {@code {"format_version": 1, "n_features": N, "params":
   * {...}, "genres": [...], "first_year_bucket": 1900 | null, "year_buckets": 12, "title_tokens":
   * [...], "tag_tokens": [...]}}.
   *
   * @throws IOException if the file cannot be written
   */
  public void write(Path file) throws IOException {
    Json.MAPPER.writeValue(
        file.toFile(),
        new Stored(FORMAT_VERSION, nFeatures, params, genres, firstYearBucket, yearBuckets, titleTokens, tagTokens));
  }

  /**
   * Reads {@code content_features.json}.
   *
   * @throws ArtifactException naming the file if it is not valid JSON of that form, its version is
   *     unknown, a list has duplicates or {@code n_features} disagrees with the vocabulary
   * @throws IOException if it cannot be read
   */
  public static ContentFeatures read(Path file) throws IOException {
    Stored s;
    try {
      s = Json.MAPPER.readValue(file.toFile(), Stored.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ArtifactException(file + ": not a valid content_features.json: " + e.getOriginalMessage(), e);
    }
    if (s.formatVersion() != FORMAT_VERSION) {
      throw new ArtifactException(file + ": format_version " + s.formatVersion() + ", expected " + FORMAT_VERSION);
    }
    if (s.params() == null || s.genres() == null || s.titleTokens() == null || s.tagTokens() == null
        || s.yearBuckets() < 0 || (s.yearBuckets() > 0) != (s.firstYearBucket() != null)) {
      throw new ArtifactException(file + ": missing params, genres, tokens or year buckets");
    }
    ContentFeatures f;
    try {
      f = new ContentFeatures(s.params(), s.genres(), s.firstYearBucket(), s.yearBuckets(), s.titleTokens(),
          s.tagTokens());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ArtifactException(file + ": " + e.getMessage(), e);
    }
    if (f.nFeatures() != s.nFeatures()) {
      throw new ArtifactException(
          file + ": n_features " + s.nFeatures() + " but the vocabulary gives " + f.nFeatures());
    }
    return f;
  }
}
