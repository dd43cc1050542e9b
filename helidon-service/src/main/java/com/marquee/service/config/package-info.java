/**
 * Typed form of {@code configs/serving.yaml} ({@link ServingConfig}: server, models, request log, limits,
 * admin, A/B experiment, dashboard, diversity, security, rate limit, CORS, retrieval, similar items, business
 * rules), validated at start-up; every key is documented in the YAML file. Loaded by
 * {@code com.marquee.service.Main} through common {@code com.marquee.common.config.ConfigLoader}, so every
 * key can be overridden by a {@code MARQUEE_*} environment variable.
 */
package com.marquee.service.config;
