/**
 * Reading the server's SQLite request log in Beam: {@link ReadRequestLog} reads {@code request_logs} rows
 * (SPEC §6) with JdbcIO into {@link RequestLogRecord}s ({@link RequestLogDb}, {@link LogTime} and
 * {@link SelectStatement} for the database, timestamps and query text), and {@link LogCliOptions} and
 * {@link WriteReport} are the command line and report writing the KPI and replay jobs share. The log is
 * written by helidon-service {@code com.marquee.service.log} ({@code RequestLogWriter},
 * {@code RequestLogSchema}); its readers here are {@code com.marquee.pipelines.kpi} and
 * {@code com.marquee.pipelines.replay}.
 */
package com.marquee.pipelines.requestlog;
