package com.marquee.service.recommend;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.artifact.UserItems;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.ScoredItems;
import com.marquee.service.model.UserTopCache;
import com.marquee.service.realtime.RealtimeUsers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
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

  private final Similarity similarity;

  /** A recommender whose {@link #similar} ranks by {@link Similarity#COSINE}. */
  public Recommender() {
    this(Similarity.COSINE);
  }

  /** @param similarity how {@link #similar} ranks items ({@code similar.ranking}) */
  public Recommender(Similarity similarity) {
    this.similarity = java.util.Objects.requireNonNull(similarity, "similarity");
  }

  /** How {@link #similar} ranks items. */
  public Similarity similarity() {
    return similarity;
  }

  /**
   * Recommendations for {@code userId}.
   *
   * <p>A known user gets the {@code k} best items by {@code dot(user, item)} among the allowed ones:
   * not in the user's training items when {@code excludeSeen}, and passing {@code filter}; fewer
   * than {@code k} when fewer are allowed. An unknown user gets the overall popularity ranking with
   * the same filter, marked as fallback {@link #UNKNOWN_USER}, scored by popularity score.
   *
   * @param k >= 0
   */
  public Recommendations recommend(ModelSnapshot model, long userId, int k, boolean excludeSeen, ItemFilter filter) {
    return recommend(model, userId, k, excludeSeen, filter, null);
  }

  /**
   * As {@link #recommend(ModelSnapshot, long, int, boolean, ItemFilter)}, with the user's real-time
   * overlay entry: when {@code state} is not {@code null} its folded-in vector replaces the trained
   * one (a user unknown to the model is then personalized too) and {@code excludeSeen} also removes
   * the items of its positive events.
   */
  public Recommendations recommend(ModelSnapshot model, long userId, int k, boolean excludeSeen, ItemFilter filter,
      RealtimeUsers.UserState state) {
    return recommend(model, userId, k, excludeSeen, filter, state, Diversity.OFF);
  }

  /**
   * As {@link #recommend(ModelSnapshot, long, int, boolean, ItemFilter, RealtimeUsers.UserState)}; a
   * personalized list is re-ranked by {@link Mmr} when {@code diversity} is not off (the scores stay
   * the model scores, so the list is then not sorted by score). Popularity fallbacks are not
   * re-ranked.
   */
  public Recommendations recommend(ModelSnapshot model, long userId, int k, boolean excludeSeen, ItemFilter filter,
      RealtimeUsers.UserState state, Diversity diversity) {
    ModelArtifacts a = model.artifacts();
    int u = a.users().rowOf(userId);
    if (u < 0 && state == null) {
      return new Recommendations(popular(model, a.popularity().overall(), k, filter), true, UNKNOWN_USER);
    }
    float[] vector = state != null ? state.vector() : a.userFactors().row(u);
    UserTopCache cache = model.userTopCache();
    if (state == null && excludeSeen && filter.isEmpty() && diversity.isOff() && cache.covers(k)) {
      UserTopCache.Entry e = cache.get(u);
      if (e == null) {
        ScoredItems top = retrieve(model, vector, userRows(model, userId, null), cache.topN(), ItemFilter.NONE,
            Diversity.OFF);
        e = cache.put(u, top.rows(), top.scores());
      }
      int n = Math.min(k, e.rows().length);
      return new Recommendations(toMovies(a, Arrays.copyOf(e.rows(), n), Arrays.copyOf(e.scores(), n)), false, null);
    }
    int[] seen = excludeSeen ? userRows(model, userId, state) : new int[0];
    return new Recommendations(byVector(model, vector, seen, k, filter, diversity), false, null);
  }

  /**
   * Recommendations for an anonymous visitor who liked item rows {@code rows} (distinct, known to the
   * model): the user vector is folded in ({@link ModelSnapshot#foldIn}, weight 1 per item) and items
   * are ranked by {@code dot(vector, item)}; {@code excludeSeen} removes {@code rows}. With no rows,
   * the popularity ranking (without {@code excludedMovieIds} when {@code excludeSeen}) is returned as
   * fallback {@link #NO_KNOWN_ITEMS}.
   */
  public Recommendations anonymous(ModelSnapshot model, int[] rows, int k, boolean excludeSeen, ItemFilter filter,
      Set<Long> excludedMovieIds) {
    return anonymous(model, rows, k, excludeSeen, filter, excludedMovieIds, Diversity.OFF);
  }

  /** As {@link #anonymous(ModelSnapshot, int[], int, boolean, ItemFilter, Set)} with MMR re-ranking (see {@link #recommend}). */
  public Recommendations anonymous(ModelSnapshot model, int[] rows, int k, boolean excludeSeen, ItemFilter filter,
      Set<Long> excludedMovieIds, Diversity diversity) {
    if (rows.length == 0) {
      List<PopularItem> ranking = model.artifacts().popularity().overall();
      if (excludeSeen && !excludedMovieIds.isEmpty()) {
        ranking = ranking.stream().filter(p -> !excludedMovieIds.contains(p.movieId())).toList();
      }
      return new Recommendations(popular(model, ranking, k, filter), true, NO_KNOWN_ITEMS);
    }
    float[] weights = new float[rows.length];
    Arrays.fill(weights, 1f);
    float[] vector = model.foldIn(rows, weights);
    return new Recommendations(byVector(model, vector, excludeSeen ? rows : new int[0], k, filter, diversity), false,
        null);
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
   * first, ties by ascending movie id; the candidate itself is left out.
   */
  public static List<Contribution> contributions(ModelSnapshot model, int candidate, int[] userRows) {
    List<Contribution> out = new ArrayList<>(userRows.length);
    for (int row : userRows) {
      if (row != candidate) {
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

  private static List<Recommendations.Scored> byVector(ModelSnapshot model, float[] vector, int[] excluded, int k,
      ItemFilter filter, Diversity diversity) {
    return toMovies(model.artifacts(), retrieve(model, vector, excluded, k, filter, diversity));
  }

  /** The {@code k} best allowed rows for {@code vector} (see {@link #byVector}), as rows and scores. */
  private static ScoredItems retrieve(ModelSnapshot model, float[] vector, int[] excluded, int k, ItemFilter filter,
      Diversity diversity) {
    ModelArtifacts a = model.artifacts();
    BitSet allowed = filter.allowedRows(model);
    if (excluded.length > 0) {
      if (allowed == null) {
        allowed = new BitSet(a.items().size());
        allowed.set(0, a.items().size());
      }
      for (int row : excluded) {
        allowed.clear(row);
      }
    }
    if (diversity.isOff()) {
      return model.retriever().search(vector, k, predicate(allowed));
    }
    ScoredItems pool = model.retriever().search(vector, Math.max(k, diversity.candidatePool()), predicate(allowed));
    int[] order = Mmr.select(pool.rows(), pool.scores(), k, 1 - diversity.diversity(), model::itemCosine);
    int[] rows = new int[order.length];
    float[] scores = new float[order.length];
    for (int i = 0; i < order.length; i++) {
      rows[i] = pool.rows()[order[i]];
      scores[i] = pool.scores()[order[i]];
    }
    return new ScoredItems(rows, scores);
  }

  /**
   * The {@code k} items most similar to item row {@code row}, excluding the item itself, best
   * first (ties by ascending row): by {@link Similarity#COSINE} the largest {@code cos(y_row, y_j)}
   * (exact, over {@link ModelSnapshot#cosineRetriever()}; {@code score} is the cosine), by {@link
   * Similarity#INNER_PRODUCT} the largest {@code dot(y_row, y_j)} (the model's retriever; {@code
   * score} is the inner product).
   *
   * @param row item row of the query movie
   */
  public List<Recommendations.Scored> similar(ModelSnapshot model, int row, int k) {
    ModelArtifacts a = model.artifacts();
    ScoredItems top = switch (similarity) {
      case COSINE -> model.cosineRetriever().search(model.unitItemRow(row), k, i -> i != row);
      case INNER_PRODUCT -> model.retriever().search(a.itemFactors().row(row), k, i -> i != row);
    };
    return toMovies(a, top);
  }

  /** The first {@code k} entries of {@code ranking} that pass {@code filter}, scored by popularity score. */
  public List<Recommendations.Scored> popular(ModelSnapshot model, List<PopularItem> ranking, int k, ItemFilter filter) {
    List<Recommendations.Scored> out = new ArrayList<>(Math.min(k, ranking.size()));
    for (PopularItem p : ranking) {
      if (out.size() >= k) {
        break;
      }
      if (filter.isEmpty() || filter.matches(model.artifacts().catalog().get(p.movieId()))) {
        out.add(new Recommendations.Scored(p.movieId(), p.score()));
      }
    }
    return out;
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
