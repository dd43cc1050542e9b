package com.marquee.trainer.tune;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One line of the search's JSONL log: a trial and what it measured on the validation split.
 *
 * @param trial 1-based trial number in the search's plan
 * @param status {@link #OK} or {@link #FAILED}
 * @param hyperparameters the searched model keys (snake_case) and this trial's values; the other
 *     keys are those of the training config the search ran with
 * @param seeds the {@code model.seed} values (seeds of the initial factors; training is deterministic
 *     given one) the trial was trained with
 * @param val validation metrics of iALS ({@code ndcg@10}, {@code recall@10}, ..., {@code users}), the
 *     mean over {@code seeds} (in seed order); empty when failed
 * @param valPerSeed the metrics of each seed, in {@code seeds} order, when there is more than one; else null
 * @param seconds wall time of training plus validation, seconds
 * @param error why the trial failed, or null
 */
@JsonPropertyOrder({"trial", "status", "hyperparameters", "seeds", "val", "seconds", "val_per_seed", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialResult(
    int trial, String status, Map<String, Object> hyperparameters, List<Long> seeds, Map<String, Double> val,
    double seconds, List<Map<String, Double>> valPerSeed, String error) {

  /** Status of a trial that trained and was evaluated. */
  public static final String OK = "ok";
  /** Status of a trial whose config or training failed. */
  public static final String FAILED = "failed";

  /** Whether the trial produced metrics. */
  @JsonIgnore
  public boolean ok() {
    return OK.equals(status);
  }

  /** The value of validation metric {@code name}, or NaN when absent. */
  public double metric(String name) {
    Double v = val == null ? null : val.get(name);
    return v == null ? Double.NaN : v;
  }
}
