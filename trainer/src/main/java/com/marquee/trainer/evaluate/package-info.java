/**
 * Offline evaluation with full ranking (the whole catalog scored, history removed, no sampled negatives):
 * {@link Evaluator} measures a {@code Scorer} on one evaluation set with the Recall@k, NDCG@k and other
 * metrics of common {@code com.marquee.common.metrics}, for {@code com.marquee.trainer.Trainer} and the
 * hyperparameter search alike. {@code scripts/evaluate.sh} runs {@link EvaluateMain}: one
 * {@link OfflineEvaluation} of a raw MovieLens directory under one {@link Protocol} (global time,
 * leave-last-out, random per user, user holdout), as defined in {@code docs/EVALUATION.md}. With
 * {@code --tune} its {@code Tuner} chooses hyperparameters on the validation stage with the search of
 * {@code com.marquee.trainer.tune} (coordinate strategy, value lists in
 * {@code configs/search-evaluate-*.yaml}).
 */
package com.marquee.trainer.evaluate;
