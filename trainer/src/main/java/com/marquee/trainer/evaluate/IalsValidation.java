package com.marquee.trainer.evaluate;

import com.marquee.trainer.als.IalsTrainer;
import com.marquee.trainer.baselines.IalsScorer;
import com.marquee.trainer.config.TrainingConfig;
import com.marquee.trainer.data.StageData;
import java.util.Map;

/**
 * The objective of {@code scripts/tune.sh}'s trials ({@code HyperparameterSearch.Objective}): trains
 * iALS with a trial's config on the validation stage's fit matrix (train.csv) and evaluates it on its
 * validation users exactly as {@link com.marquee.trainer.Trainer} does for the {@code ials}/{@code
 * val} metrics.
 */
public final class IalsValidation {

  private IalsValidation() {}

  /**
   * @param cfg the trial's training config (model keys, {@code evaluation.ks}, threads)
   * @param data the validation stage ({@link StageData#validation})
   * @return {@link Evaluator#evaluate} of the trained user and item factors
   */
  public static Map<String, Double> metrics(TrainingConfig cfg, StageData data) {
    IalsTrainer.Factors f = new IalsTrainer(cfg.model()).train(data.fit(), null);
    return Evaluator.evaluate(new IalsScorer(f.users(), f.items()), data.eval(), cfg.evaluation().ks(),
        cfg.model().effectiveThreads());
  }
}
