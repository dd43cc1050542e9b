package com.marquee.service.catalog;

import com.marquee.common.domain.CatalogItem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The catalog changes folded into what the server applies over every model it serves. Immutable;
 * {@link #apply} returns a new state.
 *
 * <p>Rule: the latest change of a movie wins. A PUT stores the movie's content (replacing an earlier
 * PUT's) and shows the movie again if it was hidden; a DELETE hides the movie and keeps its content
 * (history: a later PUT shows it again, retraining still reads it). {@link #items()} keeps the order of
 * each movie's first PUT, so the rows the server appends for new movies are the same after every
 * restart that replays the same changes.
 *
 * @param items content of every movie ever PUT, by movie id, in first-PUT order (latest content)
 * @param hidden movies whose latest change is a DELETE
 * @param lastSeq {@link CatalogChange#seq} of the latest change applied, 0 for none
 */
public record CatalogState(SequencedMap<Long, CatalogItem> items, Set<Long> hidden, long lastSeq) {

  /** No changes. */
  public static final CatalogState EMPTY = new CatalogState(new LinkedHashMap<>(), Set.of(), 0);

  public CatalogState {
    items = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(items));
    hidden = Collections.unmodifiableSet(new LinkedHashSet<>(hidden));
  }

  /** The state after {@code changes}, applied in order over {@link #EMPTY}. */
  public static CatalogState of(List<CatalogChange> changes) {
    LinkedHashMap<Long, CatalogItem> items = new LinkedHashMap<>();
    LinkedHashSet<Long> hidden = new LinkedHashSet<>();
    long last = 0;
    for (CatalogChange c : changes) {
      fold(items, hidden, c);
      last = c.seq();
    }
    return new CatalogState(items, hidden, last);
  }

  /** This state with {@code change} applied (O(changes so far): the maps are copied). */
  public CatalogState apply(CatalogChange change) {
    LinkedHashMap<Long, CatalogItem> nextItems = new LinkedHashMap<>(items);
    LinkedHashSet<Long> nextHidden = new LinkedHashSet<>(hidden);
    fold(nextItems, nextHidden, change);
    return new CatalogState(nextItems, nextHidden, change.seq());
  }

  private static void fold(Map<Long, CatalogItem> items, Set<Long> hidden, CatalogChange c) {
    if (c.action() == CatalogChange.Action.PUT) {
      items.put(c.movieId(), c.item()); // an existing key keeps its place (first-PUT order)
      hidden.remove(c.movieId());
    } else {
      hidden.add(c.movieId());
    }
  }

  /** True when nothing was ever changed. */
  public boolean isEmpty() {
    return items.isEmpty() && hidden.isEmpty();
  }

  /** Whether {@code movieId} is hidden. */
  public boolean isHidden(long movieId) {
    return hidden.contains(movieId);
  }
}
