/**
 * The raw MovieLens formats as plain code: the ml-latest, ml-100k and ml-1m layouts ({@link MovieLensLayout})
 * and the row-level parsing and validation of movies and ratings files ({@link MovieLensFiles}) into
 * {@link RatingRow}s and movies (and ml-latest's optional {@code tags.csv} into {@link TagRow}s), every
 * unusable row becoming a {@link Reject} of {@code rejects.csv} and
 * input unusable as a whole an {@link InvalidInputException}. The Beam readers are in beam-pipelines
 * {@code com.marquee.pipelines.movielens} ({@code ReadMovieLens}, {@code ReadMovies}, {@code ReadRatings});
 * trainer {@code com.marquee.trainer.data.InMemoryPreprocess} reads a data set into memory with
 * {@link MovieLensFiles#read}, so both accept and reject exactly the same rows.
 */
package com.marquee.common.movielens;
