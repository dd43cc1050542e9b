/**
 * The split stage as Beam: {@link TimeSplitPipeline} splits {@code interactions.csv} into {@code train.csv},
 * {@code val.csv} and {@code test.csv} by one global pair of cut timestamps ({@link TimeSplitTransform}, a
 * {@code PTransform} over a {@code PCollection} of interactions, the exact quantiles collected by
 * {@code ExactTimeCutsFn}). The cut rule is plain code in common
 * {@code com.marquee.common.preprocess.SplitCuts}, used without Beam by trainer
 * {@code com.marquee.trainer.evaluate.GlobalTimeSplit}; the splits are read by trainer
 * {@code com.marquee.trainer.data.TrainingData}.
 */
package com.marquee.pipelines.split;
