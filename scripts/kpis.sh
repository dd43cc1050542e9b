#!/usr/bin/env bash
# Serving KPIs of the request log (Beam, JdbcIO over SQLite) -> reports/kpis.json and kpis.csv:
# per endpoint, model version, A/B variant and UTC hour (plus all-hours/all-variants rollups):
# requests, error rate, exact nearest-rank latency p50/p95/p99 (ms), fallback rate by reason, unique
# users, catalog coverage and popularity bias of served items.
# Usage: scripts/kpis.sh [--db data/logs/requests.db] [--out reports] [--workdir DIR] [--catalog-size N]
#          [--item-features FILE] [--popularity FILE] [--runner DirectRunner|FlinkRunner] [--help]
# Exit codes: 0 ok, 2 bad arguments or input, 1 other failure.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_built
cd "$MARQUEE_HOME"
run_java "$(beam_module "$@")" com.marquee.pipelines.kpi.KpiPipeline "$@"
