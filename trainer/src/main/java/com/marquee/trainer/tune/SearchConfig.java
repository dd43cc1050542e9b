package com.marquee.trainer.tune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.common.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed form of {@code configs/search.yaml}: the hyperparameter search of {@code scripts/tune.sh}.
 * Every key is documented in that file. Loaded by {@link ConfigLoader} (unknown keys fail, {@code
 * MARQUEE_SEARCH_*} environment variables and CLI flags override).
 *
 * @param search the one top-level block
 */
public record SearchConfig(Search search) {

  public SearchConfig {
    if (search == null) {
      throw new IllegalArgumentException("search: missing block");
    }
  }

  /**
   * Loads {@code file}.
   *
   * @param env environment (overrides {@code MARQUEE_SEARCH_*})
   * @param overrides dotted key to value, e.g. {@code search.trials -> 40} (CLI flags)
   * @throws com.marquee.common.config.ConfigException naming the file and key if anything is invalid
   */
  public static SearchConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
    return ConfigLoader.load(file, SearchConfig.class, env, overrides);
  }

  /**
   * @param strategy {@code grid} (Cartesian product of the value lists), {@code random} or {@code
   *     coordinate} (one key at a time, lists only)
   * @param trials number of random trials; ignored by grid, where the product size is the count
   * @param seed seed of the random sampler (the trials are a prefix-stable sequence of it)
   * @param metric validation metric that selects the best trial, e.g. {@code ndcg@10}; its cutoff
   *     must be one of {@code evaluation.ks} of the training config
   * @param seeds {@code model.seed} values every trial is trained with, its metrics being the mean over
   *     them (init noise averaged out); empty = the training config's {@code model.seed} alone
   * @param space {@code model.*} key (without the {@code model.} prefix) to its values: a list, one
   *     scalar, or {@code {log_uniform: [lo, hi]}} / {@code {uniform: [lo, hi]}}; see {@link SearchSpace}
   * @param extendEdges coordinate only: values tried beyond a winning end of a numeric list, per key
   *     ({@link CoordinateSearch}); 0 = only warn
   */
  public record Search(
      Strategy strategy, int trials, long seed, String metric, List<Long> seeds, Map<String, JsonNode> space,
      int extendEdges) {

    /** A search that never extends a list beyond its edges. */
    public Search(Strategy strategy, int trials, long seed, String metric, List<Long> seeds, Map<String, JsonNode> space) {
      this(strategy, trials, seed, metric, seeds, space, 0);
    }

    public Search {
      require(extendEdges >= 0, "search.extend_edges must be >= 0, got " + extendEdges);
      require(strategy != null, "search.strategy must be grid, random or coordinate");
      require(trials >= 1, "search.trials must be >= 1, got " + trials);
      require(metric != null && metric.matches("[a-z]+@\\d+"), "search.metric must look like ndcg@10, got " + metric);
      require(space != null && !space.isEmpty(), "search.space must name at least one model key");
      seeds = seeds == null ? List.of() : List.copyOf(seeds);
      require(seeds.stream().distinct().count() == seeds.size(), "search.seeds must not repeat a seed, got " + seeds);
      require(seeds.isEmpty() || !space.containsKey("seed"),
          "search.seeds and search.space.seed both set the model seed: use one of them");
      space = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }

    /** The cutoff k of {@link #metric}. */
    public int metricCutoff() {
      return Integer.parseInt(metric.substring(metric.indexOf('@') + 1));
    }
  }

  /** How the trials are chosen. */
  public enum Strategy {
    /** Every combination of the listed values. */
    @JsonProperty("grid") GRID,
    /** {@code trials} independent draws (Bergstra and Bengio, JMLR 2012). */
    @JsonProperty("random") RANDOM,
    /**
     * One key at a time, in the listed order, over its list of values, the other keys at the best
     * values found so far (starting from the training config's); one pass ({@link CoordinateSearch}).
     * Adaptive, so it has no plan up front and runs its trials one after the other.
     */
    @JsonProperty("coordinate") COORDINATE;

    /** The YAML name. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
