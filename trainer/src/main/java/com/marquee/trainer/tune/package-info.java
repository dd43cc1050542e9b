/**
 * Hyperparameter search over the {@code model:} keys of the training config on the validation split only (the
 * test split is never read): {@link HyperparameterSearch} with a grid, random (Bergstra and Bengio 2012) or
 * coordinate ({@link CoordinateSearch}) strategy over a {@link SearchSpace}, configured by
 * {@link SearchConfig} ({@code configs/search.yaml}) and logged trial by trial as JSONL ({@link TrialLog},
 * {@link TrialResult}). It has two callers: {@code scripts/tune.sh}, whose entry point beam-pipelines
 * {@code com.marquee.pipelines.tune.TuneMain} first builds the splits with the Beam stages when they are
 * missing, and {@code scripts/evaluate.sh --tune}, through {@code com.marquee.trainer.evaluate}'s
 * {@code Tuner}.
 */
package com.marquee.trainer.tune;
