#!/usr/bin/env bash
# The offline pipeline: preprocess -> split -> features/popularity (Beam) -> train -> evaluate ->
# register -> promote-if-better.
# Usage: scripts/pipeline.sh [--data DIR] [--format auto|ml-latest|ml-100k|ml-1m] [--config configs/data.yaml]
#          [--training-config configs/training.yaml] [--runner DirectRunner|FlinkRunner] [--workdir DIR] [--help]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
cd "$MARQUEE_HOME"
run_java "$(beam_module "$@")" com.marquee.pipelines.MarqueePipeline "$@"
