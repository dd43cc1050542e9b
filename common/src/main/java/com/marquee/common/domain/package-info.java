/**
 * The records every module shares: {@link Interaction}, one implicit-feedback event with its weight r_ui
 * (the row of {@code interactions.csv} and of the train/val/test splits, SPEC §3), {@link Movie}, a
 * catalog item with title, year and genres, and {@link CatalogItem}, a movie's content as a catalog update
 * ({@code PUT /admin/items}) gives it, written by the server and read back by {@code scripts/retrain.sh}.
 * Interactions are produced by the beam-pipelines preprocess stage and, without Beam, by trainer {@code
 * com.marquee.trainer.data.InMemoryPreprocess}; their Beam coders are in beam-pipelines {@code
 * com.marquee.pipelines.io} ({@code InteractionCoder}, {@code MovieCoder}).
 */
package com.marquee.common.domain;
