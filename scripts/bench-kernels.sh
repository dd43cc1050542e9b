#!/usr/bin/env bash
# JMH micro-benchmarks of the iALS kernels (benchmarks/.../kernels/IalsKernelsBenchmark), one thread.
# Usage: scripts/bench-kernels.sh [JMH options, e.g. -p factors=64 -wi 2 -i 3 'observedPass.*'] [--help]
# Without options: every benchmark at 64 and 128 factors, 1 fork, 3 warm-up and 5 measured seconds.
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
cd "$MARQUEE_HOME"
run_java benchmarks org.openjdk.jmh.Main "${@:-IalsKernelsBenchmark}"
