/**
 * The trainer's in-memory data: the implicit-feedback matrix in CSR form ({@link CsrMatrix}), the global time
 * split read from {@code train.csv}, {@code val.csv} and {@code test.csv} with its evaluation sets
 * ({@link TrainingData}), the fit matrix and evaluation set every model fit and validation works on
 * ({@link StageData}: a protocol's stage, or the train/validation split for {@code scripts/tune.sh}), the
 * features files ({@link FeatureFiles}) and the worker pool of every parallel loop ({@link Parallel}). Those
 * files are written by the beam-pipelines stages {@code com.marquee.pipelines.split} and
 * {@code com.marquee.pipelines.features}. {@link InMemoryPreprocess} is the preprocess stage without Beam for
 * {@code scripts/evaluate.sh}: the rules of common {@code com.marquee.common.preprocess}, whose Beam half is
 * {@code com.marquee.pipelines.preprocess}.
 */
package com.marquee.trainer.data;
