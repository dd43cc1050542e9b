/**
 * Typed YAML configuration: {@link ConfigLoader} loads a file of {@code configs/} into a record, with
 * {@code MARQUEE_*} environment variables and CLI flags as overrides, and fails with a
 * {@link ConfigException} naming the file and the key. {@link DataConfig} is {@code configs/data.yaml} (raw
 * MovieLens input and its {@link MovieLensFormat}, the implicit-feedback threshold and {@link WeightScheme},
 * the minimum-interactions filter, the time split, popularity), read by the beam-pipelines stages and by the
 * trainer. The other typed configs live with their users and load through {@link ConfigLoader}: trainer
 * {@code com.marquee.trainer.config.TrainingConfig} and {@code com.marquee.trainer.tune.SearchConfig},
 * helidon-service {@code com.marquee.service.config.ServingConfig}, beam-pipelines
 * {@code com.marquee.pipelines.retrain.RetrainConfig}.
 */
package com.marquee.common.config;
