#!/usr/bin/env bash
# The model registry: list versions, show one, promote one, roll production back.
# Usage: scripts/registry.sh list|show VERSION|promote VERSION|rollback [--server URL] [--api-key KEY]
#          [--config configs/training.yaml] [--workdir DIR] [--help]
# promote/rollback reload the server when --server (or MARQUEE_SERVER_URL) is given, with --api-key
# (or MARQUEE_ADMIN_API_KEY). Exit codes: 0 ok, 2 bad arguments/unknown version/nothing to roll
# back to, 1 other failure.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_built
cd "$MARQUEE_HOME"
run_java trainer com.marquee.trainer.registry.RegistryMain "$@"
