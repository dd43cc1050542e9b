package com.marquee.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marquee.service.http.ApiException;
import com.marquee.service.http.JsonBody;
import com.marquee.service.recommend.ItemFilter;
import com.marquee.service.recommend.ListOptions;
import com.marquee.service.recommend.Recommender;
import com.marquee.service.recommend.ScoreRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/**
 * The request fields shared by the endpoints that answer a ranked list ({@code /recommend}, {@code
 * /recommend/anonymous}, {@code /similar}): {@code offset}, {@code filters}, {@code diversity} and
 * {@code rules}, each parsed with a 400 naming the field on bad input.
 *
 * <pre>
 * "offset": 0..1000                       entries skipped first (paging, see ListOptions)
 * "filters": {"genres": [..], "year_min": int, "year_max": int}
 * "diversity": 0..1                       MMR re-ranking, 0 = off
 * "rules": {"exclude_movie_ids": [int], "exclude_genres": [string],
 *           "adjustments": [{"movie_ids": [int], "genres": [string], "multiply": number >= 0, "add": number}]}
 * </pre>
 */
public final class ListRequest {

  /** Largest {@code offset}. */
  public static final int MAX_OFFSET = 1000;
  /** Most entries of each list inside {@code rules}, which bounds the cost of a request's rules. */
  public static final int MAX_RULE_ENTRIES = 1000;
  /** Fields of {@code filters}. */
  public static final SequencedSet<String> FILTER_FIELDS = JsonBody.fields("genres", "year_min", "year_max");
  /** Fields of {@code rules}. */
  public static final SequencedSet<String> RULE_FIELDS = JsonBody.fields("exclude_movie_ids", "exclude_genres", "adjustments");
  /** Fields of one entry of {@code rules.adjustments}. */
  public static final SequencedSet<String> ADJUSTMENT_FIELDS = JsonBody.fields("movie_ids", "genres", "multiply", "add");

  private ListRequest() {}

  /** {@code offset} (default 0). @throws ApiException 400 outside [0, {@value #MAX_OFFSET}] */
  static int offset(ObjectNode body) {
    return JsonBody.optionalInt(body, "offset", 0, 0, MAX_OFFSET);
  }

  /** {@code filters} ({@link ItemFilter#NONE} when absent). @throws ApiException 400 */
  static ItemFilter filter(ObjectNode body) {
    return JsonBody.optionalObject(body, "filters")
        .map(f -> {
          JsonBody.requireKnownFields(f, "filters", FILTER_FIELDS);
          List<String> genres = JsonBody.optionalStrings(f, "filters.genres");
          Integer min = JsonBody.optionalInteger(f, "filters.year_min");
          Integer max = JsonBody.optionalInteger(f, "filters.year_max");
          if (min != null && max != null && min > max) {
            throw ApiException.badRequest("'filters.year_min' (" + min + ") must be <= 'filters.year_max' (" + max + ")");
          }
          return ItemFilter.of(genres, min, max);
        })
        .orElse(ItemFilter.NONE);
  }

  /**
   * Refuses a diversity re-ranking that would cost more than {@code maxCost} item-item
   * similarities: MMR ({@link com.marquee.service.recommend.Mmr}) evaluates {@code depth * pool}
   * of them, where {@code depth = offset + k} and {@code pool = min(max(depth,
   * diversity.candidate_pool), items in the model)}. Without this bound, {@code {"k": 1000,
   * "diversity": 1}} costs 5,000,000 cosines (about 0.3 s of one core on the ML-20M model) and a
   * few clients sending it slow every other request down (issue #21).
   *
   * @param items the number of items of the model that will answer
   * @throws ApiException 400 naming {@code diversity.max_cost} and the largest k that fits
   */
  static void requireMmrCost(ListOptions options, int items, long maxCost) {
    if (options.diversity().isOff()) {
      return;
    }
    long depth = options.depth();
    long pool = Math.min(Math.max(depth, options.diversity().candidatePool()), Math.max(items, 1));
    long cost = depth * pool;
    if (cost > maxCost) {
      throw ApiException.badRequest("'diversity' re-ranks offset + k = " + depth + " items out of a pool of " + pool
          + ": " + cost + " similarity evaluations, over this server's limit of " + maxCost
          + " (diversity.max_cost); ask for offset + k <= " + maxCost / pool
          + " with diversity, or set diversity to 0");
    }
  }

  /** {@code diversity} (0..1, default 0 = off). @throws ApiException 400 */
  static Recommender.Diversity diversity(ObjectNode body, int candidatePool) {
    return new Recommender.Diversity(JsonBody.optionalDouble(body, "diversity", 0.0, 0.0, 1.0), candidatePool);
  }

  /** {@code rules} ({@link ScoreRules#NONE} when absent). @throws ApiException 400 */
  static ScoreRules rules(ObjectNode body) {
    return JsonBody.optionalObject(body, "rules")
        .map(r -> {
          JsonBody.requireKnownFields(r, "rules", RULE_FIELDS);
          List<ScoreRules.Adjustment> adjustments = new ArrayList<>();
          JsonNode list = r.get("adjustments");
          if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_RULE_ENTRIES) {
              throw ApiException.badRequest("'rules.adjustments' must be an array of at most " + MAX_RULE_ENTRIES
                  + " objects");
            }
            for (int i = 0; i < list.size(); i++) {
              adjustments.add(adjustment(list.get(i), "rules.adjustments[" + i + "]"));
            }
          }
          return new ScoreRules(ids(r, "rules.exclude_movie_ids"), strings(r, "rules.exclude_genres"), adjustments);
        })
        .orElse(ScoreRules.NONE);
  }

  private static ScoreRules.Adjustment adjustment(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ApiException.badRequest("'" + path + "' must be an object");
    }
    ObjectNode a = (ObjectNode) node;
    JsonBody.requireKnownFields(a, path, ADJUSTMENT_FIELDS);
    Set<Long> movieIds = ids(a, path + ".movie_ids");
    Set<String> genres = strings(a, path + ".genres");
    if (movieIds.isEmpty() && genres.isEmpty()) {
      throw ApiException.badRequest("'" + path + "' needs 'movie_ids' or 'genres'");
    }
    double multiply = number(a, path, "multiply", 1.0);
    if (multiply < 0) {
      throw ApiException.badRequest("'" + path + ".multiply' must be >= 0, got " + multiply);
    }
    return new ScoreRules.Adjustment(movieIds, genres, multiply, number(a, path, "add", 0.0));
  }

  /** A finite number field, {@code dflt} when absent or null. @throws ApiException 400 otherwise */
  private static double number(ObjectNode o, String path, String field, double dflt) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw ApiException.badRequest("'" + path + "." + field + "' must be a finite number");
    }
    return v.doubleValue();
  }

  private static Set<Long> ids(ObjectNode o, String path) {
    JsonNode v = o.get(path.substring(path.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return Set.of();
    }
    if (!v.isArray() || v.size() > MAX_RULE_ENTRIES) {
      throw ApiException.badRequest("'" + path + "' must be an array of at most " + MAX_RULE_ENTRIES + " movie ids");
    }
    return JsonBody.movieIds(v, path);
  }

  private static Set<String> strings(ObjectNode o, String path) {
    List<String> v = JsonBody.optionalStrings(o, path);
    if (v.size() > MAX_RULE_ENTRIES) {
      throw ApiException.badRequest("'" + path + "' must have at most " + MAX_RULE_ENTRIES + " entries");
    }
    return new LinkedHashSet<>(v);
  }
}
