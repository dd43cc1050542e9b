/**
 * {@code scripts/tune.sh}: {@link TuneMain} runs the hyperparameter search of the iALS model keys on the
 * validation split, first building the splits with the Beam stages
 * ({@code com.marquee.pipelines.OfflineStages}) when {@code train.csv} or {@code val.csv} is missing, and
 * with {@code --train-best} trains, registers and promotes the best trial with trainer
 * {@code com.marquee.trainer.Trainer}. The search itself is trainer {@code com.marquee.trainer.tune}
 * ({@code HyperparameterSearch}), which {@code scripts/evaluate.sh --tune} also uses through trainer
 * {@code com.marquee.trainer.evaluate}.
 */
package com.marquee.pipelines.tune;
