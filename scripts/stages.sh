#!/usr/bin/env bash
# The Beam stages of the offline pipeline only: preprocess -> split -> features/popularity, each
# timed in the log ("stage <name> on <runner>: <s> s"); scripts/pipeline.sh runs these and then the
# trainer. Same arguments as scripts/pipeline.sh (the training config is not used).
# Usage: scripts/stages.sh [--data DIR] [--format auto|ml-latest|ml-100k|ml-1m] [--config configs/data.yaml]
#          [--runner DirectRunner|FlinkRunner] [--workdir DIR] [--help]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
cd "$MARQUEE_HOME"
run_java "$(beam_module "$@")" com.marquee.pipelines.OfflineStages "$@"
