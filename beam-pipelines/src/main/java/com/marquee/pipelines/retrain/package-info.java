/**
 * Scheduled retraining on logged feedback: {@code scripts/retrain.sh} runs {@link RetrainMain}, which, when
 * enough new events have arrived, turns the {@code feedback} table into MovieLens ratings
 * ({@link FeedbackRatings}), merges them with the base data set, runs the full pipeline
 * ({@code com.marquee.pipelines.MarqueePipeline}: Beam stages, then the trainer) and, when the new model is
 * promoted, asks the server to reload. Its settings are {@code configs/retrain.yaml} ({@link RetrainConfig})
 * and its high-water mark {@code state.json} ({@link RetrainState}); the feedback is written by
 * helidon-service {@code com.marquee.service.log.FeedbackStore}, and the reload is trainer
 * {@code com.marquee.trainer.registry.ServerReload}.
 */
package com.marquee.pipelines.retrain;
