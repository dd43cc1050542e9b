package com.marquee.service.recommend;

import static com.marquee.common.config.ConfigChecks.require;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rules} section: business rules applied to every ranked list ({@code
 * com.marquee.service.recommend.ScoreRules}; a request's {@code rules} add to these).
 *
 * @param excludeMovieIds movies never returned
 * @param excludeGenres genres whose movies are never returned (case-insensitive)
 * @param adjustments score adjustments in order ({@code score * multiply + add} for matching movies)
 * @param candidatePool how many best-scored allowed items the adjustments re-rank (at least {@code
 *     offset + k}), in [1, 100000]; absent = {@value #DEFAULT_CANDIDATE_POOL}
 */
public record RulesConfig(List<Long> excludeMovieIds, List<String> excludeGenres, List<Adjustment> adjustments,
    Integer candidatePool) {

  /** {@code rules.candidate_pool} when absent. */
  public static final int DEFAULT_CANDIDATE_POOL = 1000;

  /** No rules. */
  public static final RulesConfig NONE = new RulesConfig(List.of(), List.of(), List.of(), null);

  public RulesConfig {
    excludeMovieIds = excludeMovieIds == null ? List.of() : List.copyOf(excludeMovieIds);
    excludeGenres = excludeGenres == null ? List.of() : List.copyOf(excludeGenres);
    adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    candidatePool = candidatePool == null ? DEFAULT_CANDIDATE_POOL : candidatePool;
    require(candidatePool >= 1 && candidatePool <= 100_000, "rules.candidate_pool",
        "must be in [1, 100000], got " + candidatePool);
    for (int i = 0; i < adjustments.size(); i++) {
      Adjustment a = adjustments.get(i);
      String key = "rules.adjustments[" + i + "]";
      require(a != null && (!a.movieIds().isEmpty() || !a.genres().isEmpty()), key, "needs movie_ids or genres");
      require(Double.isFinite(a.multiply()) && a.multiply() >= 0, key + ".multiply",
          "must be a finite number >= 0, got " + a.multiply());
      require(Double.isFinite(a.add()), key + ".add", "must be a finite number, got " + a.add());
    }
  }

  /**
   * One entry of {@code rules.adjustments}. Unlike the other sections its keys are optional (a
   * mapping with only {@code genres} and {@code multiply}, say), so it is read from the YAML node
   * by {@link #fromYaml}, which still rejects unknown keys by name.
   *
   * @param movieIds movies it applies to
   * @param genres genres it applies to (a movie with any of them)
   * @param multiply factor, >= 0; absent = 1
   * @param add shift; absent = 0
   */
  public record Adjustment(List<Long> movieIds, List<String> genres, Double multiply, Double add) {

    /** The keys of one entry. */
    public static final List<String> KEYS = List.of("movie_ids", "genres", "multiply", "add");

    public Adjustment {
      movieIds = movieIds == null ? List.of() : List.copyOf(movieIds);
      genres = genres == null ? List.of() : List.copyOf(genres);
      multiply = multiply == null ? 1.0 : multiply;
      add = add == null ? 0.0 : add;
    }

    /**
     * An entry from its YAML mapping; absent keys take their defaults.
     *
     * @throws IllegalArgumentException on an unknown key or a value of the wrong type (the message names it)
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Adjustment fromYaml(JsonNode node) {
      require(node != null && node.isObject(), "rules.adjustments[]", "entries must be mappings of " + KEYS);
      node.fieldNames().forEachRemaining(k -> require(KEYS.contains(k), "rules.adjustments[]." + k,
          "is not a key of an adjustment (keys: " + KEYS + ")"));
      List<Long> ids = new ArrayList<>();
      node.path("movie_ids").forEach(v -> {
        require(v.canConvertToExactIntegral(), "rules.adjustments[].movie_ids", "must hold integers, got " + v);
        ids.add(v.longValue());
      });
      List<String> genres = new ArrayList<>();
      node.path("genres").forEach(v -> genres.add(v.asText()));
      return new Adjustment(ids, genres, number(node, "multiply"), number(node, "add"));
    }

    private static Double number(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      require(v.isNumber(), "rules.adjustments[]." + key, "must be a number, got " + v);
      return v.doubleValue();
    }
  }
}
