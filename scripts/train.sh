#!/usr/bin/env bash
# Trainer step only, on existing splits: iALS + baselines, evaluation, registry version, promotion.
# Usage: scripts/train.sh [--config configs/training.yaml] [--data DIR] [--processed DIR] [--features DIR] [--workdir DIR]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
cd "$MARQUEE_HOME"
run_java trainer com.marquee.trainer.TrainerMain "$@"
