package com.marquee.service.model;

import com.marquee.common.als.IalsObjective;
import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.artifact.IdMapping;
import com.marquee.common.artifact.ItemCatalog;
import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.artifact.UserItems;
import com.marquee.common.content.ContentMapping;
import com.marquee.common.domain.CatalogItem;
import com.marquee.common.domain.Movie;
import com.marquee.service.catalog.CatalogState;
import com.marquee.service.catalog.Genres;
import com.marquee.service.catalog.MovieSearch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * norm of every item vector (for a vector of the content mapping its expected norm {@code sqrt(||xW||^2 +
 * r)}, {@link ContentMapping#meanSquaredResidual}); for {@code /similar} by cosine the unit-length item vectors with an
 * exact retriever over them ({@link #cosineRetriever()}); for {@code GET /movies} the title index
 * ({@link MovieSearch}) and the item co-occurrence index ({@link CoOccurrence}).
 *
 * <p><b>Catalog changes.</b> A snapshot read from a model directory is a <i>trained</i> snapshot.
 * {@link #withCatalog} derives a <i>served</i> snapshot from it with the catalog changes of {@code PUT}
 * and {@code DELETE /admin/items/{movie_id}} applied ({@link CatalogState}): a new movie gets a row
 * appended after the trained rows, with the vector of the model's content mapping ({@link ContentMapping};
 * none when the model has no mapping: the movie is then in the catalog only, searchable but not
 * recommendable); a movie the model has keeps its trained row and vector and gets the new title,
 * year and genres; a hidden movie keeps its row (users' histories still fold in over it) but is left
 * out of every answer ({@link #hiddenRows()}, {@link #isHidden}, the popularity lists). Item rows of
 * vectors that did not come from training (appended rows, cold items refined by feedback) are
 * searched beside the trained index ({@link OverlayRetriever}); the expensive parts of the trained
 * snapshot (index, item Gramian, encoded JSON, co-occurrence, solver) are reused or updated in
 * O(changed rows * f^2) (the Gramian of the overlay rows, SIMD), the per-row arrays are copied (O(items *
 * f)). {@link #trained()} is the snapshot it
 * was derived from (itself for a trained one): overlays that belong to one model version key on it.
 * Rows never move between snapshots derived from one trained snapshot with growing states.
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
  /** Built at construction for a trained snapshot, on first use for a derived one. Guarded by this. */
  private MovieSearch movieSearch;
  /** Built on first use ({@link #userGramian()}): only item fold-in needs it. Guarded by this. */
  private double[] userGramian;
  private final ModelSnapshot trained;
  private final int cacheTopN;
  private final ContentMapping content;
  private final BitSet coldRows;
  private final BitSet hiddenRows;
  private final Set<Long> hiddenIds;
  private final CatalogState catalogState;

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
    this(artifacts, dir, loadedAt, retriever, cacheTopN, null);
  }

  /**
   * A trained snapshot.
   *
   * @param artifacts the validated model
   * @param dir the resolved directory it was read from
   * @param loadedAt when the load finished
   * @param retriever top-k retrieval over {@code artifacts.itemFactors()}
   * @param cacheTopN length of the per-user lists of {@link #userTopCache()}, {@code >= 0}, 0 = no cache
   * @param content the model's content mapping ({@code content_mapping.npy}, {@code content_features.json};
   *     vectors of new movies), {@code null} when it has none; its {@link ContentMapping#coldStartItems()}
   *     ({@code cold_start_items.json}: trained vectors that came from the mapping) are marked cold-start
   */
  public ModelSnapshot(ModelArtifacts artifacts, Path dir, Instant loadedAt, Retriever retriever, int cacheTopN,
      ContentMapping content) {
    this(null, artifacts, dir, loadedAt, retriever, cacheTopN, content,
        rowsOf(artifacts.items(), content == null ? List.of() : content.coldStartItems()), null,
        new BitSet(), Set.of(), null, null, CatalogState.EMPTY);
  }

  private ModelSnapshot(ModelSnapshot trained, ModelArtifacts artifacts, Path dir, Instant loadedAt,
      Retriever retriever, int cacheTopN, ContentMapping content, BitSet coldRows, BitSet mappedRows, BitSet hiddenRows,
      Set<Long> hiddenIds, double[] itemGramian, ItemJson itemJson, CatalogState catalogState) {
    this.trained = trained == null ? this : trained;
    this.cacheTopN = cacheTopN;
    this.content = content;
    this.coldRows = coldRows;
    this.hiddenRows = hiddenRows.isEmpty() ? null : hiddenRows;
    this.hiddenIds = Set.copyOf(hiddenIds);
    this.catalogState = catalogState;
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
    this.solver = trained != null ? trained.solver
        : new IalsSolver(artifacts.factors(), IalsObjective.fromHyperparameters(hp));
    FactorMatrix y = artifacts.itemFactors();
    this.itemGramian = itemGramian != null ? itemGramian : IalsSolver.gramian(y);
    this.itemNorms = new float[n];
    // A content-mapped vector is a conditional mean: its cosine uses the expected norm sqrt(|xW|^2 + r)
    // (ContentMapping.meanSquaredResidual), so mapped movies do not crowd /similar lists.
    BitSet mapped = mappedRows == null ? coldRows : mappedRows;
    double residual = content == null || Double.isNaN(content.meanSquaredResidual()) ? 0
        : content.meanSquaredResidual();
    for (int row = 0; row < n; row++) {
      double sq = 0;
      int off = row * y.cols();
      for (int j = 0; j < y.cols(); j++) {
        double v = y.data()[off + j];
        sq += v * v;
      }
      itemNorms[row] = (float) Math.sqrt(mapped.get(row) ? sq + residual : sq);
    }
    this.unitItems = unitRows(y, itemNorms);
    this.cosineRetriever = new ExactRetriever(unitItems);
    this.movieSearch = trained == null ? MovieSearch.of(artifacts.catalog().all(), artifacts.popularity().overall())
        : null;
    this.itemJson = itemJson != null ? itemJson : ItemJson.of(artifacts, coldRows);
    this.genreMaskByRow = genreMasks(movieByRow, names);
    this.userTopCache = cacheTopN == 0 ? UserTopCache.OFF : new UserTopCache(cacheTopN, artifacts.users().size());
  }

  private static BitSet rowsOf(IdMapping items, Collection<Long> movieIds) {
    BitSet rows = new BitSet(items.size());
    for (long id : movieIds) {
      int row = items.rowOf(id);
      if (row >= 0) {
        rows.set(row);
      }
    }
    return rows;
  }

  /**
   * The served snapshot of this snapshot's {@link #trained()} model with {@code state} applied (see the
   * class comment), or the trained snapshot itself when there is nothing to apply.
   *
   * @param state the catalog changes
   * @param refined item vectors refined by feedback ({@code float[f]} by movie id), for cold items only:
   *     movies appended by {@code state}, or trained rows in {@code cold_start_items.json}; others are ignored
   * @param maxNewItems most movies appended (new movies beyond it, in first-PUT order, are in the catalog
   *     only: searchable, not recommendable), {@code >= 0}
   * @return the snapshot to serve; its {@link #loadedAt()} and {@link #version()} are the trained model's
   * @throws com.marquee.common.artifact.ArtifactException if a vector is not finite
   */
  public ModelSnapshot withCatalog(CatalogState state, Map<Long, float[]> refined, int maxNewItems) {
    ModelSnapshot t = trained;
    if (state.isEmpty() && refined.isEmpty()) {
      return t;
    }
    ModelArtifacts a = t.artifacts;
    int n0 = a.items().size();
    int f = a.factors();
    Map<Long, Movie> movies = new LinkedHashMap<>();
    for (Movie m : a.catalog().all()) {
      movies.put(m.movieId(), m);
    }
    BitSet changed = new BitSet(n0);
    List<Long> newIds = new ArrayList<>();
    List<float[]> newVectors = new ArrayList<>();
    for (Map.Entry<Long, CatalogItem> e : state.items().entrySet()) {
      long id = e.getKey();
      movies.put(id, e.getValue().toMovie(id));
      int row = a.items().rowOf(id);
      if (row >= 0) {
        changed.set(row);
      } else if (t.content != null && newIds.size() < maxNewItems) {
        float[] v = refined.get(id);
        newIds.add(id);
        CatalogItem c = e.getValue();
        newVectors.add(v != null ? v : t.content.itemVector(c.title(), c.year(), c.genres(), c.tags()));
      }
    }
    TreeMap<Integer, float[]> moved = new TreeMap<>();
    for (Map.Entry<Long, float[]> e : refined.entrySet()) {
      int row = a.items().rowOf(e.getKey());
      if (row >= 0 && t.coldRows.get(row)) {
        moved.put(row, e.getValue());
      }
    }
    int added = newIds.size();
    int n = n0 + added;
    float[] data = Arrays.copyOf(a.itemFactors().data(), n * f);
    for (int i = 0; i < added; i++) {
      float[] v = requireVector(newVectors.get(i), f, newIds.get(i));
      System.arraycopy(v, 0, data, (n0 + i) * f, f);
    }
    // Y'^T Y' = Y^T Y + (rows appended)^T (rows appended) + (moved rows, new)^T (new) - (old)^T (old), each
    // term by common's SIMD Gramian over the few rows concerned
    float[] oldMoved = new float[moved.size() * f];
    BitSet movedRows = new BitSet(n0);
    int k = 0;
    for (Map.Entry<Integer, float[]> e : moved.entrySet()) {
      int row = e.getKey();
      float[] v = requireVector(e.getValue(), f, a.items().externalId(row));
      System.arraycopy(data, row * f, oldMoved, k++ * f, f);
      System.arraycopy(v, 0, data, row * f, f);
      movedRows.set(row);
    }
    long[] ids = Arrays.copyOf(a.items().externalIds(), n);
    for (int i = 0; i < added; i++) {
      ids[n0 + i] = newIds.get(i);
    }
    UserItems ui = a.userItems();
    Set<Long> hidden = state.hidden();
    ModelArtifacts next = new ModelArtifacts(a.metadata(), a.userFactors(), new FactorMatrix(n, f, data), a.users(),
        added == 0 ? a.items() : IdMapping.of(ids), ItemCatalog.of(movies.values()),
        added == 0 ? ui : new UserItems(n, ui.indptr(), ui.indices(), ui.weights()),
        hidden.isEmpty() ? a.popularity() : withoutMovies(a.popularity(), hidden));
    BitSet cold = (BitSet) t.coldRows.clone();
    cold.set(n0, n);
    BitSet mapped = (BitSet) cold.clone();
    mapped.andNot(movedRows);
    for (int i = 0; i < added; i++) {
      if (refined.containsKey(newIds.get(i))) {
        mapped.clear(n0 + i);
      }
    }
    BitSet hiddenRows = rowsOf(next.items(), hidden);
    int[] overlayRows = new int[movedRows.cardinality() + added];
    float[] overlay = new float[overlayRows.length * f];
    int o = 0;
    for (int row = movedRows.nextSetBit(0); row >= 0; row = movedRows.nextSetBit(row + 1)) {
      overlayRows[o] = row;
      System.arraycopy(data, row * f, overlay, o++ * f, f);
    }
    for (int row = n0; row < n; row++) {
      overlayRows[o] = row;
      System.arraycopy(data, row * f, overlay, o++ * f, f);
    }
    double[] gramian = t.itemGramian.clone();
    add(gramian, IalsSolver.gramian(new FactorMatrix(overlayRows.length, f, overlay)), 1);
    add(gramian, IalsSolver.gramian(new FactorMatrix(moved.size(), f, oldMoved)), -1);
    Retriever r = overlayRows.length == 0 ? t.retriever
        : new OverlayRetriever(t.retriever, movedRows, overlayRows, new FactorMatrix(overlayRows.length, f, overlay));
    changed.or(movedRows);
    ItemJson json = t.itemJson.extend(next, cold, changed);
    return new ModelSnapshot(t, next, t.dir, t.loadedAt, r, t.cacheTopN, t.content, cold, mapped, hiddenRows, hidden,
        gramian, json, state);
  }

  private static float[] requireVector(float[] v, int f, long movieId) {
    if (v.length != f) {
      throw new IllegalArgumentException("vector of movie " + movieId + " has " + v.length + " factors, model " + f);
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new com.marquee.common.artifact.ArtifactException("vector of movie " + movieId + " is not finite");
      }
    }
    return v;
  }

  /** {@code g += sign * h}. */
  private static void add(double[] g, double[] h, int sign) {
    for (int i = 0; i < g.length; i++) {
      g[i] += sign * h[i];
    }
  }

  private static PopularityRanking withoutMovies(PopularityRanking p, Set<Long> movieIds) {
    Map<String, List<PopularItem>> byGenre = new LinkedHashMap<>();
    p.byGenre().forEach((g, list) -> byGenre.put(g, without(list, movieIds)));
    return new PopularityRanking(without(p.overall(), movieIds), byGenre);
  }

  private static List<PopularItem> without(List<PopularItem> list, Set<Long> movieIds) {
    return list.stream().filter(x -> !movieIds.contains(x.movieId())).toList();
  }

  /** The trained snapshot this one was derived from by {@link #withCatalog}; itself for a trained snapshot. */
  public ModelSnapshot trained() {
    return trained;
  }

  /** The catalog changes applied ({@link CatalogState#EMPTY} for a trained snapshot). */
  public CatalogState catalogState() {
    return catalogState;
  }

  /** The model's content mapping, if it has one (new movies are recommendable only then). */
  public Optional<ContentMapping> content() {
    return Optional.ofNullable(content);
  }

  /** Number of item rows that came from training (rows {@code >= } it were appended by catalog changes). */
  public int trainedItems() {
    return trained.artifacts.items().size();
  }

  /**
   * True when item row {@code row}'s vector did not come from training: a movie added by a catalog
   * change, or one listed in the model's {@code cold_start_items.json} (vector from the content mapping
   * at training time). Answers mark such items {@code "cold_start": true}.
   */
  public boolean isColdRow(int row) {
    return coldRows.get(row);
  }

  /** Whether movie {@code movieId} is hidden by a catalog DELETE (it must not appear in any answer). */
  public boolean isHidden(long movieId) {
    return hiddenIds.contains(movieId);
  }

  /** Number of hidden movies. */
  public int hiddenCount() {
    return hiddenIds.size();
  }

  /** The item rows of hidden movies, or {@code null} when none is hidden. Do not modify. */
  public BitSet hiddenRows() {
    return hiddenRows;
  }

  /**
   * The row of {@code movieId} when it may be answered about: in the model and not hidden; else -1.
   */
  public int visibleRowOf(long movieId) {
    return hiddenIds.contains(movieId) ? -1 : artifacts.items().rowOf(movieId);
  }

  /** The catalog entry of {@code movieId} unless it is hidden; {@code null} when absent or hidden. */
  public Movie visibleMovie(long movieId) {
    return hiddenIds.contains(movieId) ? null : artifacts.catalog().get(movieId);
  }

  /**
   * {@link IalsSolver#gramian} of the user factors {@code X^T X}, {@code double[f * f]}, computed on the
   * first call (O(users * f^2)) and shared by every snapshot derived from the same trained one: the
   * item-side fold-in ({@link #foldInItem}) solves against it. Do not modify.
   */
  public double[] userGramian() {
    ModelSnapshot t = trained;
    synchronized (t) {
      if (t.userGramian == null) {
        t.userGramian = IalsSolver.gramian(t.artifacts.userFactors());
      }
      return t.userGramian;
    }
  }

  /**
   * Item fold-in, the item-side analogue of {@link #foldIn}: the item vector solved against the user
   * factors for user rows {@code userRows} with implicit weights {@code weights} ({@link IalsSolver#foldIn}
   * with the user factors and {@link #userGramian()}), {@code float[f]}.
   */
  public float[] foldInItem(int[] userRows, float[] weights) {
    return solver.foldIn(artifacts.userFactors(), userGramian(), userRows, weights);
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
  public CoOccurrence coOccurrence() {
    ModelSnapshot t = trained;
    synchronized (t) {
      if (t.coOccurrence == null) {
        t.coOccurrence = new CoOccurrence(t.artifacts.userItems());
      }
      return t.coOccurrence;
    }
  }

  /**
   * The title index of the catalog without hidden movies ({@code GET /movies}); for a snapshot with
   * catalog changes built on the first call (a catalog change does not wait for it).
   */
  public synchronized MovieSearch movieSearch() {
    if (movieSearch == null) {
      List<Movie> visible = artifacts.catalog().all().stream().filter(m -> !hiddenIds.contains(m.movieId())).toList();
      movieSearch = MovieSearch.of(visible, artifacts.popularity().overall());
    }
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
