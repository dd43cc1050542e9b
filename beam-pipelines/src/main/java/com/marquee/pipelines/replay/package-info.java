/**
 * Replay evaluation as Beam: {@code scripts/replay.sh} runs {@link ReplayPipeline}, which joins the logged
 * {@code /recommend} lists with the same user's later positive interactions (the {@code feedback} table via
 * {@link ReadFeedback}, or a held-out split such as {@code test.csv}) and scores them per model version and
 * A/B variant ({@link ReplayTransform}: offline CTR, HitRate@k, Precision@k, Recall@k, NDCG@k, MAP@k).
 * {@link ReplayReport} writes {@code replay.json}, with a two-proportion z-test of the variants' hit rates
 * ({@link TwoProportionTest}); the metrics are those of common {@code com.marquee.common.metrics}, and the
 * log and feedback are written by helidon-service {@code com.marquee.service.log} and read through
 * {@code com.marquee.pipelines.requestlog}.
 */
package com.marquee.pipelines.replay;
