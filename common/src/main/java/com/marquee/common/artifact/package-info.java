/**
 * The files of one model version (SPEC §4) and their formats: user and item embeddings as NumPy {@code .npy}
 * ({@link Npy}, {@link FactorMatrix}), id mappings ({@link IdMapping}), the item catalog, the popularity
 * ranking that is the cold-start fallback, the user-items CSR matrix ({@link UserItems}) and
 * {@code model_metadata.json}, read and cross-validated together by {@link ModelArtifacts}. Versions are
 * written by trainer {@code com.marquee.trainer.Trainer} (which adds {@code item_index.faiss} through trainer
 * {@code com.marquee.trainer.index}) and by benchmarks {@code ServeModelBuilder}, and read by helidon-service
 * {@code com.marquee.service.model}, whose {@code ModelHolder} turns them into a {@code ModelSnapshot}.
 * {@link Json} is the one Jackson configuration for artifact JSON, also used by the service's request and
 * response bodies.
 */
package com.marquee.common.artifact;
