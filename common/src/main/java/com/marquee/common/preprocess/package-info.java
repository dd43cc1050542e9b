/**
 * The preprocessing rules as plain code, so that the Beam stages and the in-memory evaluation cannot
 * disagree: the latest rating per (user, movie) counts ({@link LatestRating}), a rating of at least
 * {@code implicit.min_rating} becomes implicit feedback ({@link ImplicitFeedback}), one pass of the
 * minimum-interactions filter ({@link MinInteractions}), and the cut timestamps of the global time split
 * ({@link SplitCuts}). Their Beam transforms are in beam-pipelines {@code com.marquee.pipelines.preprocess}
 * ({@code PreprocessTransform}, {@code MinInteractionsFilter}) and {@code com.marquee.pipelines.split}
 * ({@code TimeSplitTransform}); the in-memory use is trainer
 * {@code com.marquee.trainer.data.InMemoryPreprocess} and, for the time split,
 * {@code com.marquee.trainer.evaluate.GlobalTimeSplit}. Tests in beam-pipelines check that both give the same
 * interactions.
 */
package com.marquee.common.preprocess;
