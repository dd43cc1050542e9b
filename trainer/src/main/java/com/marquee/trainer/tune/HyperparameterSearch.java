package com.marquee.trainer.tune;

import com.marquee.common.config.ConfigException;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.StageData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grid or random search (Bergstra and Bengio, JMLR 2012) of the iALS hyperparameters on the validation
 * split only.
 *
 * <p>A trial's config is the training config file with the trial's values applied as overrides of
 * {@code model.<key>} through {@link ConfigLoader} (precedence: file, then {@code MARQUEE_*} environment,
 * then the trial), so every model key, present or future, is searchable and validated by {@link
 * TrainingConfig.Model}'s constructor. Each trial trains iALS on {@code train.csv} and ranks the full
 * catalog for the validation users exactly as the trainer does ({@link Evaluator}, {@link IalsScorer}).
 *
 * <p>Selection: the best trial has the highest validation {@code search.metric} (default {@code
 * ndcg@10}) among the trials that succeeded; ties (equal doubles) go to the lowest trial number, which
 * for random search is the earlier draw and for grid search the earlier point of the product.
 *
 * <p>Initialisation noise: with {@code search.seeds} every trial is trained once per listed {@code
 * model.seed} and its metrics are the mean over them (the JSONL line keeps each seed's too); on small
 * validation sets the spread over seeds is as large as the differences between configurations
 * (docs/TUNING.md), so a single seed mostly selects a lucky initialisation.
 *
 * <p>Determinism: training and evaluation are deterministic given {@code model.seed} and do not depend
 * on the thread count, so trials run {@code parallel} at a time (each with {@code model.threads} divided
 * among them unless {@code threads} is itself searched) give the same numbers as one at a time.
 */
public final class HyperparameterSearch {

  private static final Logger LOG = LoggerFactory.getLogger(HyperparameterSearch.class);

  /**
   * A finished search.
   *
   * @param trials every logged trial (this run's and, when resumed, earlier ones), by trial number
   * @param best the selected trial, or null when none succeeded
   * @param planned number of trials in the plan
   * @param log the JSONL file
   */
  public record Outcome(List<TrialResult> trials, TrialResult best, int planned, Path log) {
    /** Trials that produced metrics. */
    public long succeeded() {
      return trials.stream().filter(TrialResult::ok).count();
    }
  }

  private final Path trainingConfig;
  private final Map<String, String> env;
  private final SearchConfig.Search spec;
  private final SearchSpace space;
  private final TrainingConfig base;
  private final Objective objective;

  /**
   * What a trial maximises: fit a model with the trial's training config on the validation stage's
   * fit matrix and return its validation metrics (the model is the caller's: {@code
   * trainer/evaluate}'s {@code IalsValidation::metrics} for {@code scripts/tune.sh}).
   */
  @FunctionalInterface
  public interface Objective {
    /**
     * @param trial the training config with the trial's values
     * @param data the validation stage (never test)
     * @return metric name ({@code ndcg@10}, ..., {@code users}) to value
     */
    Map<String, Double> metrics(TrainingConfig trial, StageData data);
  }

  /**
   * Checks the search against the training config before anything runs.
   *
   * @param trainingConfig the training YAML whose other keys every trial keeps
   * @param env environment variables applied to it ({@code MARQUEE_*})
   * @param spec the {@code search:} block
   * @param objective fits and validates one trial
   * @throws IllegalArgumentException if the space is malformed, names an unknown key, a strategy/range
   *     mismatch, or the metric is not computed with the config's {@code evaluation.ks}
   * @throws ConfigException if the training config, or the config with any listed value (or range end)
   *     applied, is invalid; the message names the key
   */
  public HyperparameterSearch(Path trainingConfig, Map<String, String> env, SearchConfig.Search spec,
      Objective objective) {
    this.objective = objective;
    this.trainingConfig = trainingConfig;
    this.env = Map.copyOf(env);
    this.spec = spec;
    this.space = SearchSpace.of(spec.space());
    this.base = ConfigLoader.load(trainingConfig, TrainingConfig.class, this.env, Map.of());
    List<String> metrics = new ArrayList<>(new MetricsAccumulator(base.evaluation().ks(), 1).result().keySet());
    metrics.remove("users");
    if (!metrics.contains(spec.metric())) {
      throw new IllegalArgumentException("search.metric " + spec.metric() + " is not computed with evaluation.ks "
          + base.evaluation().ks() + " of " + trainingConfig + " (available: " + metrics + ")");
    }
    for (Map<String, Object> extreme : space.extremes()) {
      try {
        config(extreme, null);
      } catch (ConfigException e) {
        String key = extreme.keySet().iterator().next();
        throw new ConfigException("search.space." + key + ": value " + extreme.get(key) + " is not accepted: "
            + e.getMessage(), e);
      }
    }
    if (spec.strategy() == SearchConfig.Strategy.COORDINATE) {
      space.axes(); // a range fails here, before any data is read
    } else {
      plan(); // grid with a range fails here, before any data is read
    }
  }

  /**
   * The trials, in order; trial n is element n - 1.
   *
   * @throws IllegalArgumentException for the coordinate strategy, whose trials depend on the results
   */
  public List<Map<String, Object>> plan() {
    return space.plan(spec.strategy(), spec.trials(), spec.seed());
  }

  /** The search spec. */
  public SearchConfig.Search spec() {
    return spec;
  }

  /**
   * The training config of a trial: the file, the environment, then {@code model.<key> = value} for
   * every entry of {@code hyperparameters}.
   *
   * @param threads {@code model.threads} to use instead of the config's, or null
   * @throws ConfigException if a value is invalid for its key
   */
  public TrainingConfig config(Map<String, Object> hyperparameters, Integer threads) {
    Map<String, String> overrides = TrainingConfig.modelOverrides(hyperparameters);
    if (threads != null) {
      overrides.put("model.threads", threads.toString());
    }
    return ConfigLoader.load(trainingConfig, TrainingConfig.class, env, overrides);
  }

  /**
   * Runs the trials not yet in {@code log} and appends each one's line as it ends.
   *
   * @param data train and validation splits (never test)
   * @param log the JSONL file
   * @param parallel trials at a time, >= 1
   * @param resume when {@code log} has lines: skip the trials it already has (they must be this plan's)
   *     instead of refusing to touch it
   * @throws IllegalArgumentException if {@code log} is not empty and {@code resume} is false, or holds
   *     trials of a different plan
   * @throws IOException if the log cannot be read or written
   */
  public Outcome run(StageData data, Path log, int parallel, boolean resume) throws IOException {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
    }
    if (spec.strategy() == SearchConfig.Strategy.COORDINATE) {
      return runCoordinate(data, log, resume);
    }
    List<Map<String, Object>> plan = plan();
    Map<Integer, TrialResult> done = new TreeMap<>();
    if (Files.exists(log) && Files.size(log) > 0) {
      if (!resume) {
        throw new IllegalArgumentException(log + " already has trials: pass --resume to continue that search, or "
            + "choose another --out");
      }
      for (TrialResult r : TrialLog.read(log, true)) {
        if (r.trial() > plan.size() || !sameValues(r.hyperparameters(), plan.get(r.trial() - 1))
            || (!spec.seeds().isEmpty() && !spec.seeds().equals(r.seeds()))) {
          throw new IllegalArgumentException(log + ": trial " + r.trial() + " " + r.hyperparameters()
              + " seeds " + r.seeds() + " is not trial " + r.trial() + " of this search" + (r.trial() <= plan.size()
                  ? " (" + plan.get(r.trial() - 1) + ")" : " (it has " + plan.size() + " trials)")
              + ": was the file written with another search config? choose another --out");
        }
        done.putIfAbsent(r.trial(), r);
      }
      LOG.info("resuming {}: {} of {} trials already logged", log, done.size(), plan.size());
    }
    Integer threads = null;
    if (parallel > 1 && !space.keys().contains("threads")) {
      threads = Math.max(1, base.model().effectiveThreads() / parallel);
    }
    List<TrialResult> results = new ArrayList<>(done.values());
    try (TrialLog out = TrialLog.open(log)) {
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      try {
        List<Future<TrialResult>> futures = new ArrayList<>();
        for (int t = 1; t <= plan.size(); t++) {
          if (done.containsKey(t)) {
            continue;
          }
          int trial = t;
          Map<String, Object> hp = plan.get(t - 1);
          Integer trialThreads = threads;
          futures.add(pool.submit(() -> {
            TrialResult r = runTrial(trial, plan.size(), hp, trialThreads, data);
            out.append(r);
            return r;
          }));
        }
        for (Future<TrialResult> f : futures) {
          results.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("search interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    results.sort(Comparator.comparingInt(TrialResult::trial));
    return new Outcome(List.copyOf(results), best(results, spec.metric()), plan.size(), log);
  }

  /**
   * The coordinate strategy ({@link CoordinateSearch}): starts from the training config's values of the
   * searched keys; trials one after the other (each point depends on the ones before), each appended
   * to {@code log} as it ends. Not resumable: a non-empty log is refused.
   */
  private Outcome runCoordinate(StageData data, Path log, boolean resume) throws IOException {
    if (Files.exists(log) && Files.size(log) > 0) {
      throw new IllegalArgumentException(log + " already has trials" + (resume ? ": a coordinate search cannot be "
          + "resumed (its trials depend on the earlier results); choose another --out" : ": choose another --out"));
    }
    List<TrialResult> results;
    try (TrialLog out = TrialLog.open(log)) {
      results = CoordinateSearch.run(space.valuesOf(base.model()), space.axes(),
          (trial, hp) -> runTrial(trial, 0, hp, null, data), spec.metric(), out::append, LOG::warn, spec.extendEdges());
    }
    return new Outcome(List.copyOf(results), best(results, spec.metric()), results.size(), log);
  }

  private TrialResult runTrial(int trial, int of, Map<String, Object> hp, Integer threads, StageData data) {
    long t0 = System.nanoTime();
    List<Long> seeds = spec.seeds();
    try {
      if (seeds.isEmpty()) {
        seeds = List.of(config(hp, threads).model().seed());
      }
      List<Map<String, Double>> perSeed = new ArrayList<>();
      for (long seed : seeds) {
        Map<String, Object> withSeed = new LinkedHashMap<>(hp);
        withSeed.put("seed", seed);
        perSeed.add(objective.metrics(config(withSeed, threads), data));
      }
      Map<String, Double> val = mean(perSeed);
      double seconds = secondsSince(t0);
      LOG.info("trial {}{} {}: val {} = {} ({} users{}) in {} s", trial, of > 0 ? "/" + of : "", hp, spec.metric(),
          String.format("%.5f", val.get(spec.metric())), val.get("users").intValue(),
          seeds.size() > 1 ? ", mean of " + seeds.size() + " seeds" : "", String.format("%.1f", seconds));
      return new TrialResult(trial, TrialResult.OK, hp, seeds, val, seconds, seeds.size() > 1 ? perSeed : null, null);
    } catch (ConfigException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      LOG.warn("trial {}{} {} failed: {}", trial, of > 0 ? "/" + of : "", hp, e.getMessage());
      return new TrialResult(trial, TrialResult.FAILED, hp, seeds, Map.of(), secondsSince(t0), null,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Per-metric mean over the maps, summed in list order. */
  static Map<String, Double> mean(List<Map<String, Double>> perSeed) {
    Map<String, Double> sum = new LinkedHashMap<>();
    for (Map<String, Double> m : perSeed) {
      m.forEach((k, v) -> sum.merge(k, v, Double::sum));
    }
    sum.replaceAll((k, v) -> v / perSeed.size());
    return sum;
  }

  /**
   * The trial with the highest validation {@code metric} among those that succeeded with a finite
   * value; ties go to the lowest trial number. Null when there is none.
   */
  public static TrialResult best(List<TrialResult> trials, String metric) {
    TrialResult best = null;
    for (TrialResult r : trials) {
      double v = r.metric(metric);
      if (!r.ok() || !Double.isFinite(v)) {
        continue;
      }
      if (best == null || v > best.metric(metric) || (v == best.metric(metric) && r.trial() < best.trial())) {
        best = r;
      }
    }
    return best;
  }

  /**
   * What a model trained with the best trial records in {@code hyperparameters.search} of its
   * {@code model_metadata.json}.
   *
   * @param searchConfig the search YAML (recorded as given, absolute)
   */
  public Map<String, Object> summary(Outcome o, Path searchConfig) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("strategy", spec.strategy().configName());
    s.put("trials", o.planned());
    s.put("succeeded", o.succeeded());
    if (spec.strategy() == SearchConfig.Strategy.RANDOM) {
      s.put("seed", spec.seed());
    }
    s.put("model_seeds", spec.seeds().isEmpty() ? List.of(base.model().seed()) : spec.seeds());
    s.put("space", space.keys());
    s.put("selection", "val " + spec.metric() + ", ties to the lowest trial number");
    s.put("best_trial", o.best() == null ? null : o.best().trial());
    s.put("best_val", o.best() == null ? null : o.best().metric(spec.metric()));
    s.put("best_hyperparameters", o.best() == null ? null : o.best().hyperparameters());
    s.put("results", o.log().toAbsolutePath().normalize().toString());
    s.put("search_config", searchConfig.toAbsolutePath().normalize().toString());
    s.put("training_config", trainingConfig.toAbsolutePath().normalize().toString());
    return s;
  }

  /** The best values as a {@code model:} block to paste into the training YAML (doubles in plain notation). */
  public static String yamlBlock(Map<String, Object> hyperparameters) {
    return "model:\n" + hyperparameters.entrySet().stream()
        .map(e -> "  " + e.getKey() + ": " + (e.getValue() instanceof Double d
            ? java.math.BigDecimal.valueOf(d).toPlainString() : e.getValue()))
        .collect(Collectors.joining("\n")) + "\n";
  }

  /** Same keys, and each value printing the same (a logged 42 read back as Integer vs a Long 42). */
  static boolean sameValues(Map<String, Object> logged, Map<String, Object> planned) {
    if (!logged.keySet().equals(planned.keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> e : planned.entrySet()) {
      if (!Objects.equals(String.valueOf(logged.get(e.getKey())), String.valueOf(e.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** Seconds since {@code t0} ({@link System#nanoTime}), rounded to ms. */
  static double secondsSince(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
  }
}
