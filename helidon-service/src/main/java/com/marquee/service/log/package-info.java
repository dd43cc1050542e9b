/**
 * The server's SQLite request log (SPEC §6): the schema ({@link RequestLogSchema}), the asynchronous batched
 * writer of {@code request_logs} rows ({@link RequestLogWriter}) and the synchronous, durable writer of
 * {@code feedback} events and {@code catalog_changes} ({@link FeedbackStore}). Its readers are beam-pipelines
 * {@code com.marquee.pipelines.requestlog} (for the KPI and replay jobs) and
 * {@code com.marquee.pipelines.retrain} (retraining on feedback and catalog changes), and the server's own
 * {@code com.marquee.service.dashboard}.
 */
package com.marquee.service.log;
