#!/usr/bin/env bash
# The full test suite (what .ci/run calls):
#   0. tests/e2e/architecture_check.py: the module graph of docs/ARCHITECTURE.md is the poms' one, no
#      cycle between packages, a package-info.java in every package (under a second);
#   1. ./mvnw verify: every module's unit and integration tests (real Beam DirectRunner, real FAISS,
#      real Helidon server on loopback, real SQLite, real MLflow 2.17.2 from tools/mlflow-server,
#      promtool on /metrics), the dependency-convergence check;
#   2. tests/e2e/e2e_check.py: the whole loop on the bundled MovieLens data (pipeline -> served model ->
#      README curl examples -> Python FAISS interoperability -> request log);
#   3. tests/e2e/dashboard_check.py: /dashboard in headless Chromium (installed when missing) over a
#      served model with a 50/50 A/B experiment: plots contain data, screenshot, no console errors.
#   4. scripts/lint-openapi.sh: the OpenAPI document through Redocly CLI (tools/web, offline), 0 errors;
#   5. tests/e2e/webapp_check.py: the web app at / in headless Chromium driven by Playwright (tools/web)
#      on a pipeline model: search, likes, recommendations with badges, detail, sign-in, feedback;
#      and the sequel share of /similar with the inner-product and the cosine ranking.
#   6. tests/e2e/e2e_retrain.py: the feedback loop (v1 -> serve -> POST /feedback -> retrain.sh, with a
#      concurrent retrain.sh refused by the lock -> promote/reject by the rule -> reload -> rollback).
#   7. tests/e2e/attack_http.py: connection-level attacks over raw sockets (issue #21): a request
#      smuggled in the body of a 413, Connection: close, half-sent headers, a stalled request body, FD
#      pressure under a low ulimit -n, a listener killed by "Too many open files" (the process must exit 3),
#      HTTP/1.0 (raw sockets and curl --http1.0) and HEAD served with valid answers.
#   8. tests/e2e/durability_check.py: hot reloads under load without a failed request, request_logs
#      rows == requests answered after SIGTERM, integrity and bounded loss after kill -9 (IVF retrieval).
# Usage: scripts/test.sh [--help]
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_apt_packages prometheus # promtool: helidon-service PromtoolTest runs `promtool check metrics` on /metrics
export PROMTOOL="$(command -v promtool)"
cd "$MARQUEE_HOME"
/usr/bin/python3 tests/e2e/architecture_check.py
mvnw -B verify
/usr/bin/python3 tests/e2e/e2e_check.py
/usr/bin/python3 tests/e2e/dashboard_check.py
bash scripts/lint-openapi.sh
/usr/bin/python3 tests/e2e/webapp_check.py
/usr/bin/python3 tests/e2e/e2e_retrain.py
/usr/bin/python3 tests/e2e/attack_http.py
/usr/bin/python3 tests/e2e/durability_check.py
