#!/usr/bin/env bash
# Scheduled retraining: base data + logged feedback -> full pipeline -> promote-if-better -> reload.
# Usage: scripts/retrain.sh [--dry-run] [--force] [--server URL] [--api-key KEY]
#          [--feedback-db data/logs/requests.db] [--workdir DIR] [--config configs/retrain.yaml]
#          [--name=value Beam options for the pipeline run] [--help]
# Cron-safe: one run at a time per work directory (flock -n on <workdir>/retrain.lock, or
# $MARQUEE_RETRAIN_LOCK); a second concurrent run exits at once with code 75 and touches nothing.
# --dry-run prints the plan and takes no lock. Exit codes: 0 ok (or nothing new), 2 bad
# arguments/config/input, 1 other failure, 75 another retrain.sh is running.
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
source "$(dirname "$0")/lib/env.sh"
cd "$MARQUEE_HOME"

workdir="." dry_run=0 prev=""
for a in "$@"; do
  case "$a" in
    --dry-run) dry_run=1 ;;
    --workdir=*) workdir="${a#--workdir=}" ;;
  esac
  [ "$prev" = "--workdir" ] && workdir="$a"
  prev="$a"
done

if [ "$dry_run" -eq 0 ]; then
  lock="${MARQUEE_RETRAIN_LOCK:-$workdir/retrain.lock}"
  mkdir -p "$(dirname "$lock")"
  exec 9>>"$lock"
  if ! flock -n 9; then
    echo "error: another retrain.sh is running (lock $lock is held); exiting without changes" >&2
    exit 75
  fi
fi
# Built under the lock: a second run must not rebuild classes under a running one.
ensure_native_packages
ensure_built
# exec keeps descriptor 9, so the JVM holds the lock until it exits.
run_java "$(beam_module "$@")" com.marquee.pipelines.retrain.RetrainMain "$@"
