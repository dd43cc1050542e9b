#!/usr/bin/env bash
# Writes a synthetic MovieLens-layout data set (ratings.csv + movies.csv) of a given shape.
# Usage: scripts/generate-data.sh --shape ml-1m|ml-20m|ml-25m --out DIR [--seed N] [--users N --items N --ratings N]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_built
run_java benchmarks com.marquee.benchmarks.GenerateMain "$@"
