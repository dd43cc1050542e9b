/**
 * The data of the monitoring page {@code GET /dashboard} ({@link DashboardData}): KPIs per hour and per A/B
 * variant or model version computed from the SQLite request log, plus the {@code kpis.json} and
 * {@code replay.json} reports of the Beam jobs. The log is written by {@code com.marquee.service.log}, the
 * reports by beam-pipelines {@code com.marquee.pipelines.kpi} and {@code com.marquee.pipelines.replay}; the
 * page and its endpoint are {@code com.marquee.service.api.DashboardService}.
 */
package com.marquee.service.dashboard;
