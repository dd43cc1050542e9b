/**
 * Top-k ranking metrics with binary relevance: Precision@k, Recall@k, normalized Recall@k, NDCG@k, MAP@k and
 * HitRate@k of one ranked list ({@link RankingMetrics}), averaged over users together with catalog coverage
 * and novelty ({@link MetricsAccumulator}, {@link ItemPopularity}). One set of definitions serves both sides:
 * the full-ranking offline evaluation of trainer {@code com.marquee.trainer.evaluate.Evaluator} (used by
 * {@code Trainer}, {@code scripts/evaluate.sh} and the hyperparameter search) and the replay of logged lists
 * in beam-pipelines {@code com.marquee.pipelines.replay.ReplayTransform}.
 */
package com.marquee.common.metrics;
