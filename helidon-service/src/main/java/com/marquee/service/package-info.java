/**
 * The Marquee recommendation server on Helidon SE: {@code scripts/serve.sh} runs {@link Main}, which loads
 * {@code configs/serving.yaml} and starts a {@link MarqueeServer}, wiring the model holder, request log,
 * metrics, access filters and the endpoints of SPEC §5. It serves the model versions written by trainer
 * {@code com.marquee.trainer.Trainer} (files of common {@code com.marquee.common.artifact}), loaded by
 * {@code com.marquee.service.model}.
 */
package com.marquee.service;
