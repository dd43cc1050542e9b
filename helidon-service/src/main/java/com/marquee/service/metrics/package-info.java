/**
 * The Prometheus meters of {@code GET /metrics}: the service's own ({@link ServiceMetrics}: requests and
 * latency per endpoint, fallbacks, A/B variants, the served model and its reloads, list-cache lookups, the
 * request log), the JVM and process meters of Micrometer's binders ({@link JvmMeters}), and the exposition
 * format's content type ({@link PrometheusContentType}). Requests are recorded by
 * {@code com.marquee.service.http.RequestFilter}.
 */
package com.marquee.service.metrics;
