package com.marquee.service.recommend;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.artifact.UserItems;
import com.marquee.common.domain.Movie;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.Retriever;
import com.marquee.service.model.ScoredItems;
import com.marquee.service.model.UserTopCache;
import com.marquee.service.realtime.RealtimeUsers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The ranking logic behind {@code POST /recommend} and {@code POST /similar}, independent of HTTP.
 * Immutable (its only setting is the {@link Similarity} of {@link #similar}); every call works on
 * the snapshot it is given.
 */
public final class Recommender {

  /** Fallback reason of a user the model was not trained on. */
  public static final String UNKNOWN_USER = "unknown_user";
  /** Fallback reason of an anonymous request none of whose items the model knows. */
  public static final String NO_KNOWN_ITEMS = "no_known_items";
  /** Most contributors named in a recommendation's {@code because}. */
  public static final int MAX_BECAUSE = 3;

  /**
   * One of the user's items and how much it explains a candidate: the cosine similarity of the two
   * item vectors.
   */
  public record Contribution(long movieId, int row, double contribution) {}

  /**
   * Diversity re-ranking of one request ({@link Mmr}).
   *
   * @param diversity in [0, 1]: 0 = off (the plain ranking by score), otherwise MMR with {@code
   *     lambda = 1 - diversity} over the pool
   * @param candidatePool how many top-scored allowed items MMR chooses from ({@code max(k, pool)}), >= 1
   */
  public record Diversity(double diversity, int candidatePool) {

    /** No re-ranking. */
    public static final Diversity OFF = new Diversity(0, 1);

    public Diversity {
      if (!(diversity >= 0 && diversity <= 1)) {
        throw new IllegalArgumentException("diversity must be in [0, 1], got " + diversity);
      }
      if (candidatePool < 1) {
        throw new IllegalArgumentException("candidatePool must be >= 1, got " + candidatePool);
      }
    }

    /** True when the ranking is left as it is. */
    public boolean isOff() {
      return diversity == 0;
    }
  }

  /** How {@link #similar} ranks items ({@code similar.ranking}). */
  private final Similarity similarity;
  /** Score adjustments and exclusions of the configuration ({@code rules}), applied to every list. */
  private final ScoreRules configRules;
  /** How many best-scored allowed items score adjustments re-rank ({@code rules.candidate_pool}). */
  private final int rulesPool;

  /** A recommender whose {@link #similar} ranks by {@link Similarity#COSINE}, without business rules. */
  public Recommender() {
    this(Similarity.COSINE);
  }

  /** @param similarity how {@link #similar} ranks items ({@code similar.ranking}); no business rules */
  public Recommender(Similarity similarity) {
    this(similarity, ScoreRules.NONE, 1);
  }

  /** How {@link #similar} ranks items. */
  public Similarity similarity() {
    return similarity;
  }

  /**
   * @param similarity how {@link #similar} ranks items ({@code similar.ranking})
   * @param configRules business rules of the configuration, applied to every list (see {@link ScoreRules})
   * @param rulesPool how many best-scored allowed items score adjustments re-rank (at least the
   *     requested depth), >= 1
   */
  public Recommender(Similarity similarity, ScoreRules configRules, int rulesPool) {
    this.similarity = Objects.requireNonNull(similarity, "similarity");
    if (rulesPool < 1) {
      throw new IllegalArgumentException("rulesPool must be >= 1, got " + rulesPool);
    }
    this.configRules = configRules;
    this.rulesPool = rulesPool;
  }

  /**
   * The first {@code k} recommendations for {@code userId} with {@code filter} (see {@link
   * #recommend(ModelSnapshot, long, ListOptions, RealtimeUsers.UserState)}), without a real-time entry.
   *
   * @param k >= 0
   */
  public Recommendations recommend(ModelSnapshot model, long userId, int k, boolean excludeSeen, ItemFilter filter) {
    return recommend(model, userId, ListOptions.of(k, excludeSeen, filter), null);
  }

  /**
   * Recommendations for {@code userId}.
   *
   * <p>A known user gets the items ranked by {@code dot(user, item)} among the allowed ones: not in
   * the user's training items when {@code excludeSeen}, passing the filter and the business rules;
   * fewer than {@code k} when fewer are allowed; re-ranked by {@link Mmr} when diversity is on (the
   * scores stay the model scores, so the list is then not sorted by score) and by the rules' adjusted
   * scores when rules adjust. An unknown user gets the overall popularity ranking with the same
   * filter and rules, marked as fallback {@link #UNKNOWN_USER}, scored by popularity score (no MMR).
   *
   * <p>With a real-time overlay entry ({@code state} not {@code null}): its folded-in vector, when it
   * has one, replaces the trained vector (a user unknown to the model is then personalized too);
   * {@code excludeSeen} also removes the items of its positive events; the items of its negative
   * events are removed always, from fallbacks too.
   */
  public Recommendations recommend(ModelSnapshot model, long userId, ListOptions options, RealtimeUsers.UserState state) {
    ModelArtifacts a = model.artifacts();
    int[] negative = state == null ? new int[0] : state.negativeRows();
    float[] vector = userVector(model, userId, state);
    if (vector == null) {
      Set<Long> rejected = new HashSet<>();
      for (int row : negative) {
        rejected.add(a.items().externalId(row));
      }
      return new Recommendations(popular(model, without(a.popularity().overall(), rejected), options), true,
          UNKNOWN_USER);
    }
    int u = a.users().rowOf(userId);
    UserTopCache cache = model.userTopCache();
    if (state == null && options.plain() && cache.covers(options.depth())) {
      UserTopCache.Entry e = cache.get(u);
      if (e == null) {
        ScoredItems top = retrieve(model, model.retriever(), vector, userRows(model, userId, null),
            ListOptions.of(cache.topN(), true, ItemFilter.NONE));
        e = cache.put(u, top.rows(), top.scores());
      }
      int from = Math.min(options.offset(), e.rows().length);
      int to = Math.min(options.depth(), e.rows().length);
      return new Recommendations(toMovies(a, Arrays.copyOfRange(e.rows(), from, to),
          Arrays.copyOfRange(e.scores(), from, to)), false, null);
    }
    int[] seen = options.excludeSeen() ? userRows(model, userId, state) : new int[0];
    ScoredItems top = retrieve(model, model.retriever(), vector, concat(seen, negative), options);
    return new Recommendations(toMovies(a, top), false, null);
  }

  /**
   * The vector {@code userId} is scored with: the real-time overlay's folded-in vector when the entry
   * has one, else the trained {@code float[f]} row, else {@code null} (the model does not know the
   * user and no positive event has made it known).
   */
  public static float[] userVector(ModelSnapshot model, long userId, RealtimeUsers.UserState state) {
    if (state != null && state.vector() != null) {
      return state.vector();
    }
    int u = model.artifacts().users().rowOf(userId);
    return u < 0 ? null : model.artifacts().userFactors().row(u);
  }

  /**
   * Recommendations for an anonymous visitor who liked item rows {@code rows} (distinct, known to the
   * model): the user vector is folded in ({@link ModelSnapshot#foldIn}, weight 1 per item) and items
   * are ranked by {@code dot(vector, item)} as in {@link #recommend(ModelSnapshot, long, ListOptions,
   * RealtimeUsers.UserState)}; {@code excludeSeen} removes {@code rows}. With no rows, the popularity
   * ranking (without {@code excludedMovieIds} when {@code excludeSeen}) is returned as fallback
   * {@link #NO_KNOWN_ITEMS}.
   */
  public Recommendations anonymous(ModelSnapshot model, int[] rows, ListOptions options, Set<Long> excludedMovieIds) {
    if (rows.length == 0) {
      List<PopularItem> ranking = model.artifacts().popularity().overall();
      return new Recommendations(popular(model, options.excludeSeen() ? without(ranking, excludedMovieIds) : ranking,
          options), true, NO_KNOWN_ITEMS);
    }
    float[] weights = new float[rows.length];
    Arrays.fill(weights, 1f);
    float[] vector = model.foldIn(rows, weights);
    ScoredItems top = retrieve(model, model.retriever(), vector, options.excludeSeen() ? rows : new int[0], options);
    return new Recommendations(toMovies(model.artifacts(), top), false, null);
  }

  /** {@code ranking} without the movies in {@code movieIds} (the same list when there are none). */
  private static List<PopularItem> without(List<PopularItem> ranking, Set<Long> movieIds) {
    return movieIds.isEmpty() ? ranking : ranking.stream().filter(p -> !movieIds.contains(p.movieId())).toList();
  }

  /**
   * The item rows a user's vector is built from: training items ({@code user_items.bin}) followed by
   * the rows of the real-time overlay entry; {@code null} when the model does not know the user and
   * there is no entry.
   */
  public static int[] userRows(ModelSnapshot model, long userId, RealtimeUsers.UserState state) {
    ModelArtifacts a = model.artifacts();
    int u = a.users().rowOf(userId);
    if (u < 0 && state == null) {
      return null;
    }
    UserItems ui = a.userItems();
    int nTrain = u < 0 ? 0 : ui.end(u) - ui.start(u);
    int[] extra = state == null ? new int[0] : state.newRows();
    int[] rows = new int[nTrain + extra.length];
    if (nTrain > 0) {
      System.arraycopy(ui.indices(), ui.start(u), rows, 0, nTrain);
    }
    System.arraycopy(extra, 0, rows, nTrain, extra.length);
    return rows;
  }

  /**
   * The user's items ({@code userRows}) ranked by how much they explain candidate row {@code
   * candidate}: the cosine similarity of the item vectors, {@code cos(y_candidate, y_j)}, largest
   * first, ties by ascending movie id; the candidate itself and hidden movies are left out.
   */
  public static List<Contribution> contributions(ModelSnapshot model, int candidate, int[] userRows) {
    List<Contribution> out = new ArrayList<>(userRows.length);
    BitSet hidden = model.hiddenRows();
    for (int row : userRows) {
      if (row != candidate && (hidden == null || !hidden.get(row))) {
        out.add(new Contribution(model.artifacts().items().externalId(row), row, model.itemCosine(candidate, row)));
      }
    }
    out.sort(Comparator.comparingDouble(Contribution::contribution).reversed()
        .thenComparingLong(Contribution::movieId));
    return out;
  }

  /**
   * The {@code because} list of a recommendation: the first {@link #MAX_BECAUSE} {@link
   * #contributions} with a positive contribution, or the single best one when none is positive.
   */
  public static List<Contribution> because(ModelSnapshot model, int candidate, int[] userRows) {
    List<Contribution> all = contributions(model, candidate, userRows);
    List<Contribution> positive = all.stream().filter(c -> c.contribution() > 0).limit(MAX_BECAUSE).toList();
    return positive.isEmpty() && !all.isEmpty() ? all.subList(0, 1) : positive;
  }

  /**
   * The page {@code options} asks for among the rows {@code retriever} finds for {@code vector}
   * (largest inner product first): the filter, the
   * business rules' exclusions and {@code excluded} removed; when diversity or score adjustments are
   * on, the best {@code max(depth, pool)} rows re-ranked (adjusted scores first, then MMR over them);
   * then cut to ranks {@code offset .. offset + k - 1}.
   */
  private ScoredItems retrieve(ModelSnapshot model, Retriever retriever, float[] vector, int[] excluded,
      ListOptions options) {
    ModelArtifacts a = model.artifacts();
    ScoreRules rules = configRules.and(options.rules());
    BitSet allowed = rules.clearExcluded(model, options.filter().allowedRows(model));
    BitSet hidden = model.hiddenRows();
    if (hidden != null) { // catalog DELETEs: O(items / 64) per request, only while something is hidden
      if (allowed == null) {
        allowed = new BitSet(a.items().size());
        allowed.set(0, a.items().size());
      }
      allowed.andNot(hidden);
    }
    if (excluded.length > 0) {
      if (allowed == null) {
        allowed = new BitSet(a.items().size());
        allowed.set(0, a.items().size());
      }
      for (int row : excluded) {
        allowed.clear(row);
      }
    }
    Diversity diversity = options.diversity();
    int depth = options.depth();
    if (diversity.isOff() && !rules.adjusts()) {
      return page(retriever.search(vector, depth, predicate(allowed)), options.offset(), depth);
    }
    int poolSize = Math.max(depth, Math.max(diversity.isOff() ? 0 : diversity.candidatePool(),
        rules.adjusts() ? rulesPool : 0));
    ScoredItems pool = retriever.search(vector, poolSize, predicate(allowed));
    if (rules.adjusts()) {
      pool = adjusted(model, pool, rules);
    }
    if (diversity.isOff()) {
      return page(pool, options.offset(), depth);
    }
    int[] order = Mmr.select(pool.rows(), pool.scores(), depth, 1 - diversity.diversity(), model::itemCosine);
    int[] rows = new int[order.length];
    float[] scores = new float[order.length];
    for (int i = 0; i < order.length; i++) {
      rows[i] = pool.rows()[order[i]];
      scores[i] = pool.scores()[order[i]];
    }
    return page(new ScoredItems(rows, scores), options.offset(), depth);
  }

  /** {@code pool} re-scored by {@code rules} and sorted by the adjusted score, best first (stable). */
  private static ScoredItems adjusted(ModelSnapshot model, ScoredItems pool, ScoreRules rules) {
    int n = pool.size();
    float[] adjusted = new float[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      int row = pool.rows()[i];
      adjusted[i] = (float) rules.adjust(pool.scores()[i], model.artifacts().items().externalId(row),
          model.movieOfRow(row));
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Float.compare(adjusted[y], adjusted[x]));
    int[] rows = new int[n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      rows[i] = pool.rows()[order[i]];
      scores[i] = adjusted[order[i]];
    }
    return new ScoredItems(rows, scores);
  }

  /** Entries {@code from .. to - 1} of {@code top} (fewer when it is shorter). */
  private static ScoredItems page(ScoredItems top, int from, int to) {
    if (from == 0 && top.size() <= to) {
      return top;
    }
    int end = Math.min(to, top.size());
    int start = Math.min(from, end);
    return new ScoredItems(Arrays.copyOfRange(top.rows(), start, end), Arrays.copyOfRange(top.scores(), start, end));
  }

  private static int[] concat(int[] a, int[] b) {
    if (b.length == 0) {
      return a;
    }
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * The {@code k} items most similar to item row {@code row}, the item itself excluded (see {@link
   * #similar(ModelSnapshot, int, ListOptions)}).
   */
  public List<Recommendations.Scored> similar(ModelSnapshot model, int row, int k) {
    return similar(model, row, ListOptions.of(k, false, ItemFilter.NONE));
  }

  /**
   * The items most similar to item row {@code row}, excluding the item itself, best first (ties by
   * ascending row), with the filter, rules and paging of {@code options} ({@code excludeSeen} and
   * diversity do not apply): by {@link Similarity#COSINE} the largest {@code cos(y_row, y_j)} (exact,
   * over {@link ModelSnapshot#cosineRetriever()}; {@code score} is the cosine), by {@link
   * Similarity#INNER_PRODUCT} the largest {@code dot(y_row, y_j)} (the model's retriever; {@code
   * score} is the inner product). Business-rule adjustments apply to that score.
   *
   * @param row item row of the query movie
   */
  public List<Recommendations.Scored> similar(ModelSnapshot model, int row, ListOptions options) {
    ModelArtifacts a = model.artifacts();
    ListOptions o = new ListOptions(options.k(), options.offset(), false, options.filter(), Diversity.OFF,
        options.rules());
    ScoredItems top = switch (similarity) {
      case COSINE -> retrieve(model, model.cosineRetriever(), model.unitItemRow(row), new int[] {row}, o);
      case INNER_PRODUCT -> retrieve(model, model.retriever(), a.itemFactors().row(row), new int[] {row}, o);
    };
    return toMovies(a, top);
  }

  /**
   * The entries of {@code ranking} that pass the filter and the business rules, scored by popularity
   * score (adjusted by the rules, then re-sorted, when they adjust), cut to the page of {@code
   * options} ({@code excludeSeen} and diversity do not apply).
   */
  public List<Recommendations.Scored> popular(ModelSnapshot model, List<PopularItem> ranking, ListOptions options) {
    ScoreRules rules = configRules.and(options.rules());
    ItemFilter filter = options.filter();
    int want = rules.adjusts() ? Math.max(options.depth(), rulesPool) : options.depth();
    List<Recommendations.Scored> out = new ArrayList<>(Math.min(want, ranking.size()));
    for (PopularItem p : ranking) {
      if (out.size() >= want) {
        break;
      }
      Movie m = model.artifacts().catalog().get(p.movieId());
      if ((filter.isEmpty() || filter.matches(m)) && !rules.excluded(p.movieId(), m)) {
        out.add(new Recommendations.Scored(p.movieId(),
            rules.adjusts() ? rules.adjust(p.score(), p.movieId(), m) : p.score()));
      }
    }
    if (rules.adjusts()) {
      out.sort(Comparator.comparingDouble(Recommendations.Scored::score).reversed()); // stable: ties keep rank
    }
    int end = Math.min(options.depth(), out.size());
    return List.copyOf(out.subList(Math.min(options.offset(), end), end));
  }

  private static IntPredicate predicate(BitSet allowed) {
    return allowed == null ? null : allowed::get;
  }

  private static List<Recommendations.Scored> toMovies(ModelArtifacts a, ScoredItems top) {
    return toMovies(a, top.rows(), top.scores());
  }

  private static List<Recommendations.Scored> toMovies(ModelArtifacts a, int[] rows, float[] scores) {
    List<Recommendations.Scored> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      // Shortest decimal of the float (0.9f -> 0.9, not 0.8999999761581421) so JSON shows what was computed.
      double score = Double.parseDouble(Float.toString(scores[i]));
      out.add(new Recommendations.Scored(a.items().externalId(rows[i]), score, rows[i]));
    }
    return out;
  }
}
