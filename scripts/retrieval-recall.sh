#!/usr/bin/env bash
# Recall@k of recommendation lists served with the IVF retriever (configs/serving.yaml retrieval.*)
# against exact scoring, on a seeded sample of the model's users; also genre-filtered requests and
# /similar, and the in-process retrieval time per query.
#
#   scripts/retrieval-recall.sh --model DIR [--users 1000] [--k 10] [--probes 8,16,24] [--lists 0]
#       [--genre Comedy] [--url http://127.0.0.1:PORT] [--help]
#
# With --url the served lists come from POST /recommend of that running server (which must serve
# DIR); otherwise they are computed in-process with the same code the server runs.
# Last line: recall_at_<k>=<x> users=<n> lists=<l> probes=<p> source=<...>
# Exit codes: 0 ok, 2 bad arguments, 1 other failure.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_built
cd "$MARQUEE_HOME"
JAVA_OPTS="${JAVA_OPTS:--Xmx4g}" run_java benchmarks com.marquee.benchmarks.RetrievalRecall "$@"
