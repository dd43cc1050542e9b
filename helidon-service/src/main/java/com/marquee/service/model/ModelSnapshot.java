package com.marquee.service.model;

import com.marquee.common.als.IalsObjective;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.domain.Movie;
import com.marquee.service.catalog.Genres;
import com.marquee.service.catalog.MovieSearch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One loaded model version with the lookups the endpoints need, precomputed at load time. Immutable
 * (the arrays are never written after construction) and therefore safe to share between request
 * threads; {@link ModelHolder} swaps whole snapshots.
 *
 * <p>Genre names are matched case-insensitively: {@link #genreKey(String)} is the lookup key.
 *
 * <p>For fold-in ({@code /recommend/anonymous}, real-time updates after {@code /feedback}) the
 * snapshot holds the {@link IalsSolver} configured with the model's own hyperparameters and the
 * item Gramian {@code Y^T Y}, computed once per loaded model; for {@code /explain} the Euclidean
 * norm of every item vector; for {@code /similar} by cosine the unit-length item vectors with an
 * exact retriever over them ({@link #cosineRetriever()}); for {@code GET /movies} the title index
 * ({@link MovieSearch}) and the item co-occurrence index ({@link CoOccurrence}).
 */
public final class ModelSnapshot {

  /** {@link #yearOfRow(int)} of a movie without a known year. */
  public static final int UNKNOWN_YEAR = Integer.MIN_VALUE;

  private final ModelArtifacts artifacts;
  private final Path dir;
  private final Instant loadedAt;
  private final Retriever retriever;
  private final Movie[] movieByRow;
  private final int[] yearByRow;
  private final Map<String, BitSet> rowsByGenre;
  private final Map<String, String> genreNames;
  private final Map<String, List<PopularItem>> popularByGenre;
  private final IalsSolver solver;
  private final double[] itemGramian;
  private final float[] itemNorms;
  private final ItemJson itemJson;
  private final long[] genreMaskByRow;
  private final UserTopCache userTopCache;
  private final FactorMatrix unitItems;
  private final Retriever cosineRetriever;
  /** Built on first use ({@link #coOccurrence()}): only {@code GET /movies/{id}} needs it. Guarded by this. */
  private CoOccurrence coOccurrence;
  private final MovieSearch movieSearch;

  /**
   * @param artifacts the validated model
   * @param dir the resolved directory it was read from
   * @param loadedAt when the load finished
   * @param retriever top-k retrieval over {@code artifacts.itemFactors()}
   */
  public ModelSnapshot(ModelArtifacts artifacts, Path dir, Instant loadedAt, Retriever retriever) {
    this(artifacts, dir, loadedAt, retriever, 0);
  }

  /**
   * @param artifacts the validated model
   * @param dir the resolved directory it was read from
   * @param loadedAt when the load finished
   * @param retriever top-k retrieval over {@code artifacts.itemFactors()}
   * @param cacheTopN length of the per-user lists of {@link #userTopCache()} ({@code
   *     retrieval.cache_top_n}), {@code >= 0}, 0 = no cache
   */
  public ModelSnapshot(ModelArtifacts artifacts, Path dir, Instant loadedAt, Retriever retriever, int cacheTopN) {
    this.artifacts = artifacts;
    this.dir = dir;
    this.loadedAt = loadedAt;
    this.retriever = retriever;
    int n = artifacts.items().size();
    this.movieByRow = new Movie[n];
    this.yearByRow = new int[n];
    Map<String, BitSet> byGenre = new HashMap<>();
    Map<String, String> names = new TreeMap<>();
    for (int row = 0; row < n; row++) {
      Movie m = artifacts.catalog().get(artifacts.items().externalId(row));
      movieByRow[row] = m;
      yearByRow[row] = m == null || m.year() == null ? UNKNOWN_YEAR : m.year();
      if (m != null) {
        for (String g : m.genres()) {
          String key = genreKey(g);
          names.putIfAbsent(key, g);
          byGenre.computeIfAbsent(key, x -> new BitSet(n)).set(row);
        }
      }
    }
    Map<String, List<PopularItem>> popular = new HashMap<>();
    for (Map.Entry<String, List<PopularItem>> e : artifacts.popularity().byGenre().entrySet()) {
      names.putIfAbsent(genreKey(e.getKey()), e.getKey());
      popular.put(genreKey(e.getKey()), List.copyOf(e.getValue()));
    }
    this.rowsByGenre = Map.copyOf(byGenre);
    this.genreNames = java.util.Collections.unmodifiableMap(names);
    this.popularByGenre = Map.copyOf(popular);
    Map<String, Object> hp = artifacts.metadata().hyperparameters();
    this.solver = new IalsSolver(artifacts.factors(), IalsObjective.fromHyperparameters(hp));
    FactorMatrix y = artifacts.itemFactors();
    this.itemGramian = IalsSolver.gramian(y);
    this.itemNorms = new float[n];
    for (int row = 0; row < n; row++) {
      double sq = 0;
      int off = row * y.cols();
      for (int j = 0; j < y.cols(); j++) {
        double v = y.data()[off + j];
        sq += v * v;
      }
      itemNorms[row] = (float) Math.sqrt(sq);
    }
    this.unitItems = unitRows(y, itemNorms);
    this.cosineRetriever = new ExactRetriever(unitItems);
    this.movieSearch = MovieSearch.of(artifacts.catalog().all(), artifacts.popularity().overall());
    this.itemJson = ItemJson.of(artifacts);
    this.genreMaskByRow = genreMasks(movieByRow, names);
    this.userTopCache = cacheTopN == 0 ? UserTopCache.OFF : new UserTopCache(cacheTopN, artifacts.users().size());
  }

  /** {@code y} with every row divided by its norm (zero rows stay zero). */
  private static FactorMatrix unitRows(FactorMatrix y, float[] norms) {
    float[] d = new float[y.data().length];
    int f = y.cols();
    for (int row = 0; row < y.rows(); row++) {
      float norm = norms[row];
      for (int j = 0; j < f; j++) {
        d[row * f + j] = norm == 0 ? 0f : y.data()[row * f + j] / norm;
      }
    }
    return new FactorMatrix(y.rows(), f, d);
  }

  /**
   * Exact top-k retrieval over the unit-length item vectors: searching with {@link #unitItemRow}
   * ranks the items by cosine similarity to that item. O(nItems * f) per query whatever {@code
   * retrieval.mode} is.
   */
  public Retriever cosineRetriever() {
    return cosineRetriever;
  }

  /** Item row {@code row}'s embedding divided by its norm ({@code float[f]}, a copy; zero for a zero vector). */
  public float[] unitItemRow(int row) {
    return unitItems.row(row);
  }

  /**
   * The item co-occurrence index of the training interactions ({@code GET /movies/{movie_id}}),
   * built on the first call (an item-to-users transpose of {@code user_items.bin}: 4 bytes per
   * training interaction), so a server that never answers that endpoint neither builds nor holds it,
   * and a model load does not wait for it.
   */
  public synchronized CoOccurrence coOccurrence() {
    if (coOccurrence == null) {
      coOccurrence = new CoOccurrence(artifacts.userItems());
    }
    return coOccurrence;
  }

  /** The title index of the catalog ({@code GET /movies}). */
  public MovieSearch movieSearch() {
    return movieSearch;
  }

  /** Bit {@code i} set when the row's movie has the i-th genre key (sorted); null beyond 64 keys. */
  private static long[] genreMasks(Movie[] movieByRow, Map<String, String> sortedNames) {
    if (sortedNames.size() > Long.SIZE) {
      return null;
    }
    Map<String, Integer> bit = new HashMap<>();
    for (String key : sortedNames.keySet()) {
      bit.put(key, bit.size());
    }
    long[] masks = new long[movieByRow.length];
    for (int row = 0; row < movieByRow.length; row++) {
      if (movieByRow[row] != null) {
        for (String g : movieByRow[row].genres()) {
          masks[row] |= 1L << bit.get(genreKey(g));
        }
      }
    }
    return masks;
  }

  /** The pre-encoded JSON of every item row ({@link ItemJson}). */
  public ItemJson itemJson() {
    return itemJson;
  }

  /**
   * The genre set of item row {@code row} as a bit mask over the model's genre keys (one bit per
   * distinct {@link #genreKey}), for {@link com.marquee.service.recommend.GenreDiversity#ofMasks};
   * empty when the catalog has more than 64 genre keys ({@link #hasGenreMasks()} false).
   */
  public long genreMaskOfRow(int row) {
    return genreMaskByRow[row];
  }

  /** True when {@link #genreMaskOfRow} is available (at most 64 distinct genres). */
  public boolean hasGenreMasks() {
    return genreMaskByRow != null;
  }

  /** The per-user cache of unfiltered lists ({@link UserTopCache}; {@link UserTopCache#OFF} when disabled). */
  public UserTopCache userTopCache() {
    return userTopCache;
  }

  /**
   * The iALS row solver with the model's {@code factors} and objective (variant, regularization, alpha,
   * alpha0, reg_exponent from {@code model_metadata.json} {@code hyperparameters}, see {@link
   * IalsObjective#fromHyperparameters}): the same objective the trainer minimised.
   */
  public IalsSolver solver() {
    return solver;
  }

  /** {@link IalsSolver#gramian} of the item factors, computed once at load. Do not modify. */
  public double[] itemGramian() {
    return itemGramian;
  }

  /**
   * Fold-in: the user vector solved against the item factors for {@code rows} with implicit weights
   * {@code weights} (see {@link IalsSolver#foldIn}).
   */
  public float[] foldIn(int[] rows, float[] weights) {
    return solver.foldIn(artifacts.itemFactors(), itemGramian, rows, weights);
  }

  /** Cosine similarity of item rows {@code a} and {@code b}; 0 when either vector is zero. */
  public double itemCosine(int a, int b) {
    double na = itemNorms[a];
    double nb = itemNorms[b];
    if (na == 0 || nb == 0) {
      return 0;
    }
    FactorMatrix y = artifacts.itemFactors();
    int f = y.cols();
    float[] d = y.data();
    double dot = 0;
    for (int j = 0; j < f; j++) {
      dot += (double) d[a * f + j] * d[b * f + j];
    }
    return dot / (na * nb);
  }

  /** Lookup key of a genre name ({@link Genres#key}). */
  public static String genreKey(String genre) {
    return Genres.key(genre);
  }

  /** The model's artifacts (metadata, factors, mappings, catalog, user items, popularity). */
  public ModelArtifacts artifacts() {
    return artifacts;
  }

  /** {@code model_metadata.json} {@code version}. */
  public String version() {
    return artifacts.metadata().version();
  }

  /** The real directory the model was read from (symlinks resolved). */
  public Path dir() {
    return dir;
  }

  /** When this snapshot finished loading. */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** Top-k retrieval over the item embeddings. */
  public Retriever retriever() {
    return retriever;
  }

  /** Catalog entry of item row {@code row}, or {@code null} when the catalog lacks the movie. */
  public Movie movieOfRow(int row) {
    return movieByRow[row];
  }

  /** Release year of item row {@code row}, or {@link #UNKNOWN_YEAR}. */
  public int yearOfRow(int row) {
    return yearByRow[row];
  }

  /** Item rows whose movie has genre {@code key} ({@link #genreKey}); empty when none. Do not modify. */
  public Optional<BitSet> rowsOfGenre(String key) {
    return Optional.ofNullable(rowsByGenre.get(key));
  }

  /** Canonical spelling of genre {@code key} as in the catalog or popularity file, if known. */
  public Optional<String> genreName(String key) {
    return Optional.ofNullable(genreNames.get(key));
  }

  /** All known genre names (canonical spelling), sorted by key. */
  public List<String> genreNames() {
    return List.copyOf(genreNames.values());
  }

  /** Popularity ranking of genre {@code key}, if {@code popularity.json} has one. */
  public Optional<List<PopularItem>> popularOfGenre(String key) {
    return Optional.ofNullable(popularByGenre.get(key));
  }
}
