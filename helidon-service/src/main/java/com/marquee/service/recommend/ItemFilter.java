package com.marquee.service.recommend;

import com.marquee.common.domain.Movie;
import com.marquee.service.model.ModelSnapshot;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code filters} of a recommendation request.
 *
 * <ul>
 *   <li>{@code genres}: a movie passes when it has <b>any</b> of the given genres (OR), compared
 *       case-insensitively; an empty list means no genre filter; a genre the catalog does not know
 *       matches nothing.
 *   <li>{@code yearMin}/{@code yearMax}: inclusive bounds on the release year; when either is set,
 *       movies with an unknown year are excluded.
 * </ul>
 *
 * @param genres genre keys ({@link ModelSnapshot#genreKey}); empty = any genre
 * @param yearMin inclusive lower bound, or {@code null}
 * @param yearMax inclusive upper bound, or {@code null}
 */
public record ItemFilter(Set<String> genres, Integer yearMin, Integer yearMax) {

  /** No filtering. */
  public static final ItemFilter NONE = new ItemFilter(Set.of(), null, null);

  public ItemFilter {
    Set<String> keys = new LinkedHashSet<>();
    for (String g : genres) {
      keys.add(ModelSnapshot.genreKey(g));
    }
    genres = java.util.Collections.unmodifiableSet(keys);
    if (yearMin != null && yearMax != null && yearMin > yearMax) {
      throw new IllegalArgumentException("year_min (" + yearMin + ") must be <= year_max (" + yearMax + ")");
    }
  }

  /** A filter on genres (any of) and an inclusive year range; see the class comment. */
  public static ItemFilter of(List<String> genres, Integer yearMin, Integer yearMax) {
    return new ItemFilter(new LinkedHashSet<>(genres), yearMin, yearMax);
  }

  /** True when this filter lets everything through. */
  public boolean isEmpty() {
    return genres.isEmpty() && !hasYearBound();
  }

  private boolean hasYearBound() {
    return yearMin != null || yearMax != null;
  }

  /** Whether movie {@code m} passes; a movie missing from the catalog ({@code null}) passes only an empty filter. */
  public boolean matches(Movie m) {
    if (isEmpty()) {
      return true;
    }
    if (m == null) {
      return false;
    }
    if (hasYearBound() && (m.year() == null || !inRange(m.year()))) {
      return false;
    }
    if (genres.isEmpty()) {
      return true;
    }
    for (String g : m.genres()) {
      if (genres.contains(ModelSnapshot.genreKey(g))) {
        return true;
      }
    }
    return false;
  }

  private boolean inRange(int year) {
    return (yearMin == null || year >= yearMin) && (yearMax == null || year <= yearMax);
  }

  /**
   * The item rows of {@code model} that pass, as a set, or {@code null} when every row passes.
   * Uses the snapshot's precomputed genre sets and years: O(nItems / 64 * genres + nItems).
   */
  BitSet allowedRows(ModelSnapshot model) {
    if (isEmpty()) {
      return null;
    }
    int n = model.artifacts().items().size();
    BitSet allowed;
    if (genres.isEmpty()) {
      allowed = new BitSet(n);
      allowed.set(0, n);
    } else {
      allowed = new BitSet(n);
      for (String g : genres) {
        model.rowsOfGenre(g).ifPresent(allowed::or);
      }
    }
    if (hasYearBound()) {
      for (int row = allowed.nextSetBit(0); row >= 0; row = allowed.nextSetBit(row + 1)) {
        int y = model.yearOfRow(row);
        if (y == ModelSnapshot.UNKNOWN_YEAR || !inRange(y)) {
          allowed.clear(row);
        }
      }
    }
    return allowed;
  }
}
