#!/usr/bin/env bash
# Times iALS sweeps on synthetic MovieLens-shaped data (generated once under benchmarks/data/).
# Usage: scripts/bench-train.sh --shape ml-20m --factors 64 --solver cg|cholesky [--min-rating 4]
#          [--iterations 3] [--threads 0] [--help]
# Last line: seconds_per_iteration=<x> factors=<f> nnz=<n> solver=<s>
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
cd "$MARQUEE_HOME"
JAVA_OPTS="${JAVA_OPTS:--Xmx12g}" run_java benchmarks com.marquee.benchmarks.TrainBenchmark "$@"
