#!/usr/bin/env bash
# Builds Marquee, runs the whole offline pipeline on the bundled MovieLens data
# (data/raw/ml-latest-small) and starts the server on port 8080 (Ctrl-C stops it).
# Usage: scripts/quickstart.sh [--port N] [--help]
set -euo pipefail
port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --port) [ $# -ge 2 ] || { echo "error: --port needs a value" >&2; exit 2; }; port="$2"; shift 2 ;;
    *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
here="$(dirname "$0")"
bash "$here/pipeline.sh"
echo "starting the server on http://localhost:$port (try: curl -s localhost:$port/health)"
exec bash "$here/serve.sh" --port "$port"
