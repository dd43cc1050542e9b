#!/usr/bin/env bash
# Hyperparameter search of the iALS trainer on the validation split (configs/search.yaml, docs/TUNING.md).
# Usage: scripts/tune.sh [--config configs/training.yaml] [--search configs/search.yaml] [--trials N]
#          [--strategy grid|random] [--seed N] [--seeds 42,1,2] [--workdir DIR] [--data DIR] [--out FILE] [--resume]
#          [--parallel N] [--train-best] [--help]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
cd "$MARQUEE_HOME"
run_java beam-pipelines com.marquee.pipelines.tune.TuneMain "$@"
