package com.marquee.service.recommend;

import com.marquee.common.domain.Movie;
import com.marquee.service.model.ModelSnapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Business rules applied to every ranked list (the {@code rules} section of configs/serving.yaml,
 * and the {@code rules} object of a request, which adds to it): movies that are never returned, and
 * score adjustments that boost or bury movies by id or genre.
 *
 * <p>Exclusion: a movie is removed when its id is in {@code excludeMovieIds} or it has any genre of
 * {@code excludeGenres} (case-insensitive), from personalized lists, fallbacks, {@code /similar} and
 * {@code /popular} alike.
 *
 * <p>Adjustment: for each {@link Adjustment} in list order whose {@link Adjustment#matches match}es
 * the movie, {@code score = score * multiply + add}. A boost is {@code multiply > 1} or {@code add > 0},
 * a bury the opposite. {@code multiply} scales the score as it is: on a negative inner product it
 * moves the score further below zero, so use {@code add} for a shift that does not depend on the
 * sign. The list is then ordered by the adjusted score, which is the {@code score} answered. The
 * adjustments re-rank a pool of the best-scored allowed items ({@code rules.candidate_pool}, at least
 * {@code offset + k}), so a buried movie can leave the list, and a boosted one enters only from within
 * the pool. Immutable.
 *
 * @param excludeMovieIds movie ids never returned
 * @param excludeGenres genre keys ({@link ModelSnapshot#genreKey}) whose movies are never returned
 * @param adjustments score adjustments, applied in order
 */
public record ScoreRules(Set<Long> excludeMovieIds, Set<String> excludeGenres, List<Adjustment> adjustments) {

  /** No rules. */
  public static final ScoreRules NONE = new ScoreRules(Set.of(), Set.of(), List.of());

  public ScoreRules {
    excludeMovieIds = Set.copyOf(excludeMovieIds);
    excludeGenres = Set.copyOf(genreKeys(excludeGenres));
    adjustments = List.copyOf(adjustments);
  }

  /**
   * One score adjustment: {@code score * multiply + add} for the movies it matches.
   *
   * @param movieIds movies it applies to
   * @param genres genre keys it applies to (a movie with any of them matches)
   * @param multiply finite factor, {@code >= 0} (1 = unchanged; 0 sets the score to {@code add})
   * @param add finite shift (0 = unchanged)
   * @throws IllegalArgumentException when it matches nothing or the numbers are out of range
   */
  public record Adjustment(Set<Long> movieIds, Set<String> genres, double multiply, double add) {
    public Adjustment {
      movieIds = Set.copyOf(movieIds);
      genres = Set.copyOf(genreKeys(genres));
      if (movieIds.isEmpty() && genres.isEmpty()) {
        throw new IllegalArgumentException("an adjustment needs movie_ids or genres");
      }
      if (!Double.isFinite(multiply) || multiply < 0) {
        throw new IllegalArgumentException("multiply must be a finite number >= 0, got " + multiply);
      }
      if (!Double.isFinite(add)) {
        throw new IllegalArgumentException("add must be a finite number, got " + add);
      }
    }

    /** Whether it applies to movie {@code movieId} (catalog entry {@code m}, or {@code null}). */
    public boolean matches(long movieId, Movie m) {
      return movieIds.contains(movieId) || hasAnyGenre(m, genres);
    }
  }

  /** True when there is nothing to apply. */
  public boolean isEmpty() {
    return !excludes() && adjustments.isEmpty();
  }

  /** True when some movies are excluded. */
  public boolean excludes() {
    return !excludeMovieIds.isEmpty() || !excludeGenres.isEmpty();
  }

  /** True when scores are adjusted (the list must be re-ranked over a pool). */
  public boolean adjusts() {
    return !adjustments.isEmpty();
  }

  /** These rules followed by {@code more}'s: exclusions united, adjustments of {@code more} applied after. */
  public ScoreRules and(ScoreRules more) {
    if (more.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return more;
    }
    Set<Long> ids = new LinkedHashSet<>(excludeMovieIds);
    ids.addAll(more.excludeMovieIds);
    Set<String> genres = new LinkedHashSet<>(excludeGenres);
    genres.addAll(more.excludeGenres);
    List<Adjustment> adj = new ArrayList<>(adjustments);
    adj.addAll(more.adjustments);
    return new ScoreRules(ids, genres, adj);
  }

  /** Whether movie {@code movieId} (catalog entry {@code m}, or {@code null}) is excluded. */
  public boolean excluded(long movieId, Movie m) {
    return excludeMovieIds.contains(movieId) || hasAnyGenre(m, excludeGenres);
  }

  /**
   * Clears the excluded item rows of {@code model} in {@code allowed}.
   *
   * @param allowed allowed rows, or {@code null} for all rows
   * @return {@code allowed}, or a new set of every row but the excluded ones when it was {@code null}
   *     and something is excluded; {@code null} when nothing is excluded and {@code allowed} was null
   */
  public BitSet clearExcluded(ModelSnapshot model, BitSet allowed) {
    if (!excludes()) {
      return allowed;
    }
    int n = model.artifacts().items().size();
    if (allowed == null) {
      allowed = new BitSet(n);
      allowed.set(0, n);
    }
    for (String g : excludeGenres) {
      BitSet rows = model.rowsOfGenre(g).orElse(null);
      if (rows != null) {
        allowed.andNot(rows);
      }
    }
    for (long id : excludeMovieIds) {
      int row = model.artifacts().items().rowOf(id);
      if (row >= 0) {
        allowed.clear(row);
      }
    }
    return allowed;
  }

  /** {@code score} after every matching adjustment, in order. */
  public double adjust(double score, long movieId, Movie m) {
    double s = score;
    for (Adjustment a : adjustments) {
      if (a.matches(movieId, m)) {
        s = s * a.multiply() + a.add();
      }
    }
    return s;
  }

  private static boolean hasAnyGenre(Movie m, Set<String> keys) {
    if (m == null || keys.isEmpty()) {
      return false;
    }
    for (String g : m.genres()) {
      if (keys.contains(ModelSnapshot.genreKey(g))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> genreKeys(Set<String> genres) {
    Set<String> keys = new LinkedHashSet<>();
    for (String g : genres) {
      keys.add(ModelSnapshot.genreKey(g));
    }
    return keys;
  }
}
