#!/usr/bin/env bash
# Runs the Marquee HTTP server (helidon-service, Helidon SE).
#
#   scripts/serve.sh [--port N] [--host HOST] [--models DIR] [--config FILE] [--help]
#
# Config: configs/serving.yaml (every key documented there), overridable with MARQUEE_* environment
# variables (e.g. MARQUEE_SERVER_PORT, MARQUEE_ADMIN_API_KEYS=k1,k2) and the flags above.
# Builds helidon-service first when it has not been packaged yet. Extra JVM options: JAVA_OPTS.
# Exit codes: 0 ok, 2 bad arguments or config, 1 other failure. Stop with Ctrl-C / SIGTERM (the
# request log is flushed on the way out).
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

ensure_built
run_java helidon-service com.marquee.service.Main "$@"
