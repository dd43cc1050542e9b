/**
 * A/B experiments on {@code /recommend}: {@link Experiment} holds one model per variant, loaded from the
 * registry by version, and {@link VariantAssigner} assigns every user a variant deterministically from a
 * SHA-256 hash of the experiment name and the user id. The variant of each answer goes to the request log,
 * from which beam-pipelines {@code com.marquee.pipelines.kpi} and {@code com.marquee.pipelines.replay} report
 * per variant.
 */
package com.marquee.service.experiment;
