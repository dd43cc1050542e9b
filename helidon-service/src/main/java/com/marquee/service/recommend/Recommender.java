package com.marquee.service.recommend;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.artifact.UserItems;
import com.marquee.service.model.ModelSnapshot;
import com.marquee.service.model.ScoredItems;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The ranking logic behind {@code POST /recommend} and {@code POST /similar}, independent of HTTP.
 * Stateless; every call works on the snapshot it is given.
 */
public final class Recommender {

  /** Fallback reason of a user the model was not trained on. */
  public static final String UNKNOWN_USER = "unknown_user";

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
    ModelArtifacts a = model.artifacts();
    int u = a.users().rowOf(userId);
    if (u < 0) {
      return new Recommendations(popular(model, a.popularity().overall(), k, filter), true, UNKNOWN_USER);
    }
    BitSet allowed = filter.allowedRows(model);
    if (excludeSeen) {
      UserItems ui = a.userItems();
      if (allowed == null && ui.end(u) > ui.start(u)) {
        allowed = new BitSet(a.items().size());
        allowed.set(0, a.items().size());
      }
      for (int p = ui.start(u); p < ui.end(u); p++) {
        allowed.clear(ui.indices()[p]);
      }
    }
    ScoredItems top = model.retriever().search(a.userFactors().row(u), k, predicate(allowed));
    return new Recommendations(toMovies(a, top), false, null);
  }

  /**
   * The {@code k} items with the largest {@code dot(item, other)} for every other item, excluding
   * the item itself.
   *
   * @param row item row of the query movie
   */
  public List<Recommendations.Scored> similar(ModelSnapshot model, int row, int k) {
    ModelArtifacts a = model.artifacts();
    ScoredItems top = model.retriever().search(a.itemFactors().row(row), k, i -> i != row);
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
    List<Recommendations.Scored> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      // Shortest decimal of the float (0.9f -> 0.9, not 0.8999999761581421) so JSON shows what was computed.
      double score = Double.parseDouble(Float.toString(top.scores()[i]));
      out.add(new Recommendations.Scored(a.items().externalId(top.rows()[i]), score));
    }
    return out;
  }
}
