/**
 * The trainer step of the offline pipeline: {@code scripts/train.sh} runs {@link TrainerMain}, whose
 * {@link Trainer} loads the train/val/test splits and features, fits iALS and the baselines, evaluates them
 * with full ranking, writes a complete model version (SPEC §4, FAISS index included) into the registry and
 * promotes it if it beats production. Its inputs are written by the Beam stages of beam-pipelines
 * (preprocess, split, features), and beam-pipelines {@code com.marquee.pipelines.MarqueePipeline}
 * ({@code scripts/pipeline.sh}) runs those stages and then this step in one JVM; the versions are served by
 * helidon-service {@code com.marquee.service.model}.
 */
package com.marquee.trainer;
