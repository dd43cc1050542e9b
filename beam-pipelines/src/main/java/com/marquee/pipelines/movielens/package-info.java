/**
 * The reading end of the preprocess stage as Beam: {@link ReadMovieLens} is a {@code PTransform} from a raw
 * MovieLens directory to a {@code PCollection} of valid ratings and one of rejects, built from
 * {@link ReadMovies} and {@link ReadRatings} (each file parsed in one {@code DoFn} call, so every row keeps
 * its line number). The row rules (layouts, validation, reject reasons) are plain code in common
 * {@code com.marquee.common.movielens}, which trainer {@code com.marquee.trainer.data.InMemoryPreprocess}
 * uses without Beam; {@link ReadMovies} also feeds the features stage.
 */
package com.marquee.pipelines.movielens;
