package com.marquee.trainer.evaluate;

import com.marquee.trainer.baselines.Scorer;
import com.marquee.trainer.data.StageData;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One model with fixed hyperparameters, ready to be fitted on a stage.
 *
 * @param kind the model
 * @param hyperparameters name to value, in a stable order, as reported
 * @param fitter fits the model on a stage's matrix and returns the scorer for its evaluated users
 */
public record Candidate(ModelKind kind, Map<String, Object> hyperparameters, Fitter fitter) {

  /** Fits a model. */
  @FunctionalInterface
  public interface Fitter {
    /**
     * @param data the stage: fit matrix, and whether the evaluated users are new (fold-in)
     * @return scores for the rows of {@code data.eval()}
     */
    Scorer fit(StageData data);
  }

  /** Fits on {@code data}. */
  public Scorer fit(StageData data) {
    return fitter.fit(data);
  }

  /** E.g. {@code ials(factors=64, alpha=1.0)}. */
  public String label() {
    return kind.cliName() + hyperparameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
