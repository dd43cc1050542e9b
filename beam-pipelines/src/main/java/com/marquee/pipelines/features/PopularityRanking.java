package com.marquee.pipelines.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns per-movie counts into {@code popularity.csv} rows: score = count / max count, and per genre
 * a 1-based rank by count (descending), ties by movie id (ascending), among the movies with at least
 * one interaction. Plain Java: it runs once, over at most one row per movie.
 */
final class PopularityRanking {
  private PopularityRanking() {}

  /**
   * @param stats one entry per movie with {@code count >= 1}
   * @param genresOf genres of each movie of the movies file (a movie absent here has none)
   * @return one row per entry of {@code stats}, ordered by movie id
   */
  static List<PopularityRow> rank(Collection<MovieStats> stats, Map<Long, List<String>> genresOf) {
    long maxCount = stats.stream().mapToLong(MovieStats::count).max().orElse(1);
    Map<String, List<MovieStats>> byGenre = new HashMap<>();
    for (MovieStats s : stats) {
      for (String g : genresOf.getOrDefault(s.movieId(), List.of())) {
        byGenre.computeIfAbsent(g, k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, Map<Long, Integer>> rankOf = new HashMap<>();
    Comparator<MovieStats> order =
        Comparator.comparingLong(MovieStats::count).reversed().thenComparingLong(MovieStats::movieId);
    byGenre.forEach(
        (genre, movies) -> {
          movies.sort(order);
          Map<Long, Integer> ranks = new HashMap<>();
          for (int i = 0; i < movies.size(); i++) {
            ranks.put(movies.get(i).movieId(), i + 1);
          }
          rankOf.put(genre, ranks);
        });
    List<PopularityRow> rows = new ArrayList<>(stats.size());
    for (MovieStats s : stats) {
      StringBuilder ranks = new StringBuilder();
      for (String g : genresOf.getOrDefault(s.movieId(), List.of())) {
        if (!ranks.isEmpty()) {
          ranks.append('|');
        }
        ranks.append(g).append(':').append(rankOf.get(g).get(s.movieId()));
      }
      rows.add(
          new PopularityRow(
              s.movieId(), s.count(), (double) s.count() / maxCount, s.trendingScore(), ranks.toString()));
    }
    rows.sort(Comparator.comparingLong(PopularityRow::movieId));
    return rows;
  }
}
