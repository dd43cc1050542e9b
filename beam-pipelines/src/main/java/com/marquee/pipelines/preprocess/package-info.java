/**
 * The preprocess stage as Beam: {@link PreprocessPipeline} reads the raw MovieLens files
 * ({@code com.marquee.pipelines.movielens.ReadMovieLens}), applies {@link PreprocessTransform}, a
 * {@code PTransform} from a {@code PCollection} of ratings to implicit-feedback interactions (latest rating
 * per pair, implicit threshold, {@link MinInteractionsFilter}), and writes {@code interactions.csv} and
 * {@code rejects.csv}. The rules are plain code in common {@code com.marquee.common.preprocess}; trainer
 * {@code com.marquee.trainer.data.InMemoryPreprocess} applies the same rules without Beam, and the next stage
 * is {@code com.marquee.pipelines.split}.
 */
package com.marquee.pipelines.preprocess;
