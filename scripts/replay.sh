#!/usr/bin/env bash
# Replay evaluation of logged /recommend lists (Beam, JdbcIO over SQLite) -> reports/replay.json:
# hit rate, precision, recall, NDCG, MAP at k and offline CTR per model version and A/B variant, against
# the same user's later positive feedback (watch, click, rating >= 4) within --window-hours, or against
# held-out interactions (--heldout data/processed/test.csv, usually with --no-window).
# Usage: scripts/replay.sh [--db data/logs/requests.db] [--out reports] [--workdir DIR] [--window-hours 168]
#          [--no-window] [--k N] [--heldout FILE] [--runner DirectRunner|FlinkRunner] [--help]
#        scripts/replay.sh --simulate [--server http://localhost:8080] [--test data/processed/test.csv]
#          [--users 200] [--k 10] [--no-feedback]
#   --simulate replays the test split through the LIVE API (scripts/replay_simulate.py, Python stdlib):
#   POST /recommend per test user, then POST /feedback per test interaction (skipped if /feedback 404s).
# Exit codes: 0 ok, 2 bad arguments or input, 1 other failure.
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
for a in "$@"; do
  if [ "$a" = "--simulate" ]; then
    args=()
    for b in "$@"; do [ "$b" = "--simulate" ] || args+=("$b"); done
    exec /usr/bin/python3 "$(dirname "$0")/replay_simulate.py" ${args[@]+"${args[@]}"}
  fi
done
source "$(dirname "$0")/lib/env.sh"
ensure_built
cd "$MARQUEE_HOME"
run_java "$(beam_module "$@")" com.marquee.pipelines.replay.ReplayPipeline "$@"
