/**
 * The two records every module shares: {@link Interaction}, one implicit-feedback event with its weight r_ui
 * (the row of {@code interactions.csv} and of the train/val/test splits, SPEC §3), and {@link Movie}, a
 * catalog item with title, year and genres. Interactions are produced by the beam-pipelines preprocess stage
 * and, without Beam, by trainer {@code com.marquee.trainer.data.InMemoryPreprocess}; their Beam coders are in
 * beam-pipelines {@code com.marquee.pipelines.io} ({@code InteractionCoder}, {@code MovieCoder}).
 */
package com.marquee.common.domain;
