package com.marquee.trainer.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code coordinate} strategy of {@link HyperparameterSearch}, one pass: evaluate the start point
 * (when given), then for each axis in order every listed value with the other keys at the best point
 * found so far; after an axis the current point is the best trial's. A point already evaluated is not
 * evaluated again. Selection is {@link HyperparameterSearch#best}: the highest {@code metric}, ties to
 * the earlier trial.
 *
 * <p>Grid edges: with {@code extendEdges > 0}, when an axis's winner is the first or last value of a
 * numeric list, the search tries one more value beyond that end (the list's last step continued:
 * times the ratio of the two end values when both are positive, else plus their difference; integers
 * rounded), and again while the new value wins, at most {@code extendEdges} times per axis. A step
 * that would cross zero, or not move an integer, ends the extension. The edge warning is logged only
 * if the winner is still at an end afterwards.
 *
 * <p>Cost: at most 1 + the sum of the axes' list sizes (plus the extensions) trials (a grid costs their product). The axes
 * are not independent in general (iALS's best regularization depends on the factor count), so the
 * order of the keys matters: the configs list the most influential key first.
 */
public final class CoordinateSearch {

  /** Fits and validates one point; a refused point is the runner's to record or to throw. */
  @FunctionalInterface
  public interface TrialRunner {
    /**
     * @param trial 1-based trial number
     * @param hyperparameters the point, snake_case keys in a stable order
     */
    TrialResult run(int trial, Map<String, Object> hyperparameters);
  }

  private CoordinateSearch() {}

  /**
   * Runs the search.
   *
   * @param start the first point (every key the model needs, in report order), or null to start from
   *     the first value of every axis without evaluating a start point
   * @param axes keys to search, in order, each with its values
   * @param runner fits and validates one point
   * @param metric selection metric, e.g. {@code ndcg@10}
   * @param onTrial called with each trial as it ends (e.g. to append it to a JSONL log)
   * @param log edge-of-grid warnings
   * @return the trials in the order run, numbered from 1
   */
  public static List<TrialResult> run(Map<String, Object> start, List<SearchSpace.Choice> axes,
      TrialRunner runner, String metric, Consumer<TrialResult> onTrial, Consumer<String> log) {
    return run(start, axes, runner, metric, onTrial, log, 0);
  }

  /**
   * As {@link #run(Map, List, TrialRunner, String, Consumer, Consumer)}, extending an axis beyond a
   * winning end of its list up to {@code extendEdges} times (see the class comment).
   *
   * @param extendEdges extra values tried per axis beyond a winning edge, {@code >= 0}
   */
  public static List<TrialResult> run(Map<String, Object> start, List<SearchSpace.Choice> axes,
      TrialRunner runner, String metric, Consumer<TrialResult> onTrial, Consumer<String> log, int extendEdges) {
    List<TrialResult> trials = new ArrayList<>();
    Set<Map<String, Object>> seen = new HashSet<>();
    Map<String, Object> current = new LinkedHashMap<>();
    if (start != null) {
      current.putAll(start);
    }
    for (SearchSpace.Choice axis : axes) {
      current.putIfAbsent(axis.key(), axis.values().get(0));
    }
    if (start != null) {
      trial(current, runner, trials, seen, onTrial);
    }
    for (SearchSpace.Choice axis : axes) {
      for (Object v : axis.values()) {
        Map<String, Object> point = new LinkedHashMap<>(current);
        point.put(axis.key(), v);
        trial(point, runner, trials, seen, onTrial);
      }
      TrialResult best = HyperparameterSearch.best(trials, metric);
      if (best == null) {
        continue;
      }
      current = new LinkedHashMap<>(best.hyperparameters());
      List<Object> values = new ArrayList<>(axis.values());
      for (int e = 0; e < extendEdges && values.size() > 1; e++) {
        Object at = current.get(axis.key());
        boolean last = at.equals(values.get(values.size() - 1));
        if (!last && !at.equals(values.get(0))) {
          break;
        }
        Object next = last ? beyond(values.get(values.size() - 2), at) : beyond(values.get(1), at);
        if (next == null) {
          break;
        }
        log.accept("best " + axis.key() + " " + at + " is at the edge of " + values + ": also trying " + next);
        Map<String, Object> point = new LinkedHashMap<>(current);
        point.put(axis.key(), next);
        trial(point, runner, trials, seen, onTrial);
        if (last) {
          values.add(next);
        } else {
          values.add(0, next);
        }
        current = new LinkedHashMap<>(HyperparameterSearch.best(trials, metric).hyperparameters());
      }
      Object chosen = current.get(axis.key());
      if (values.size() > 1 && (chosen.equals(values.get(0)) || chosen.equals(values.get(values.size() - 1)))) {
        log.accept("warning: best " + axis.key() + " " + chosen + " is at the edge of the grid " + values
            + "; the optimum may lie outside it (try --" + axis.key().replace('_', '-') + ")");
      }
    }
    return trials;
  }

  /**
   * The value one step beyond {@code edge}, away from its neighbour {@code inner} in the list: {@code
   * edge * edge / inner} when both are positive, else {@code edge + (edge - inner)}; the type of
   * {@code edge} (Integer, Long or Double); null when the values are not numbers, the step would
   * cross zero, or an integer would not change.
   */
  static Object beyond(Object inner, Object edge) {
    if (!(inner instanceof Number a) || !(edge instanceof Number b)) {
      return null;
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    double next = x > 0 && y > 0 ? y * (y / x) : y + (y - x);
    if (!Double.isFinite(next) || next == y || Math.signum(next) != Math.signum(y)) {
      return null;
    }
    if (edge instanceof Integer || edge instanceof Long) {
      long n = Math.round(next);
      if (n == b.longValue() || Math.signum(n) != Math.signum(y)) {
        return null;
      }
      return edge instanceof Integer ? (Object) (int) n : (Object) n;
    }
    return next;
  }

  private static void trial(Map<String, Object> point, TrialRunner runner, List<TrialResult> trials,
      Set<Map<String, Object>> seen, Consumer<TrialResult> onTrial) {
    if (!seen.add(Map.copyOf(point))) {
      return;
    }
    TrialResult r = runner.run(trials.size() + 1, Collections.unmodifiableMap(new LinkedHashMap<>(point)));
    trials.add(r);
    onTrial.accept(r);
  }
}
