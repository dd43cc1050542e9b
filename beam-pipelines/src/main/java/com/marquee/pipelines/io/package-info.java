/**
 * Beam I/O and plumbing shared by the pipelines: deterministic coders of the common records
 * ({@link InteractionCoder}, {@link MovieCoder}, {@link RatingRowCoder}, {@link RejectCoder},
 * {@link SplitCutsCoder}; the last three found by Beam on every runner through {@link MarqueeCoders}),
 * reading processed interactions files ({@link ReadInteractions}), writing one sorted CSV file whose bytes do
 * not depend on the runner ({@link WriteSortedCsv}, {@link CsvLineOrder}) and grouping by id with few runner
 * keys ({@link GroupById}). The records themselves are plain code in common
 * ({@code com.marquee.common.domain}, {@code com.marquee.common.movielens},
 * {@code com.marquee.common.preprocess}), which has no Beam on its classpath.
 */
package com.marquee.pipelines.io;
