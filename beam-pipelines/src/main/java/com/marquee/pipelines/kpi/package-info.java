/**
 * The serving-KPI job as Beam: {@code scripts/kpis.sh} runs {@link KpiPipeline}, which reads the
 * {@code request_logs} table with JdbcIO and writes {@code kpis.json} and {@code kpis.csv}
 * ({@link KpiReport}): per endpoint, model version, A/B variant and UTC hour, requests, error rate, latency
 * percentiles ({@link Percentiles}), fallback rates, unique users, catalog coverage and popularity bias
 * ({@link KpiTransform}). The log is written by helidon-service {@code com.marquee.service.log} and read
 * through {@code com.marquee.pipelines.requestlog}; the server's {@code /dashboard} shows {@code kpis.json}
 * (helidon-service {@code com.marquee.service.dashboard}).
 */
package com.marquee.pipelines.kpi;
