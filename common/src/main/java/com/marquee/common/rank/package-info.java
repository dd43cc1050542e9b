/**
 * The ranking step shared by offline evaluation and serving: dot-product scoring of a query vector
 * against a row-major factor matrix ({@link Scoring}) and the one top-k of Marquee, a bounded heap of
 * (row, score) pairs ({@link TopKHeap}, ties to the lower row) and its use over a dense score vector
 * ({@link TopK}). Used by trainer {@code com.marquee.trainer.baselines},
 * {@code com.marquee.trainer.evaluate.Evaluator} and the exact index of {@code com.marquee.trainer.index},
 * and by helidon-service {@code com.marquee.service.model} ({@code ExactRetriever}, {@code IvfRetriever},
 * {@code CoOccurrence}).
 */
package com.marquee.common.rank;
