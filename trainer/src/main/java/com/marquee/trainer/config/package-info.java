/**
 * Typed form of {@code configs/training.yaml} ({@link TrainingConfig}: the iALS model keys, baselines,
 * evaluation cutoffs, FAISS index factory, registry and promotion rule, MLflow), loaded through common
 * {@code com.marquee.common.config.ConfigLoader} with environment and CLI overrides. Read by
 * {@code com.marquee.trainer.Trainer}, the offline evaluation and the hyperparameter search (whose trials
 * override {@code model.*} keys), by beam-pipelines {@code MarqueePipeline} and {@code TuneMain}, and by the
 * benchmarks.
 */
package com.marquee.trainer.config;
