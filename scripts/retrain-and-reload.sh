#!/usr/bin/env bash
# Retraining for a deployment with several server replicas (the CronJob in deploy/): runs
# scripts/retrain.sh, and when it exits 0 with models/production moved to another version, POSTs
# /admin/reload to EVERY replica: each IPv4 address of DNS_NAME (a Kubernetes headless Service lists
# one per ready pod). retrain.sh's own --server reload reaches only the one replica a Service picks.
# Usage: scripts/retrain-and-reload.sh --replicas DNS_NAME [--port N] [--production LINK]
#          [-- retrain.sh arguments...] [--help]
#   --port        server port (default 8080, configs/serving.yaml server.port)
#   --production  the production link retrain.sh moves (default models/production; relative paths
#                 are relative to the repository root, retrain.sh's default --workdir)
# Admin API key: $MARQUEE_ADMIN_API_KEY (required). Exit codes: retrain.sh's (0 ok or nothing new,
# 2 bad arguments/input, 1 failure, 75 another retrain.sh is running); 1 also when a replica did not
# reload (the new model is production all the same: reload it by hand or restart the pods).
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
source "$(dirname "$0")/lib/env.sh"
cd "$MARQUEE_HOME"

replicas="" port=8080 production="models/production"
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) [ $# -ge 2 ] || usage_error "--replicas needs a DNS name"; replicas="$2"; shift 2 ;;
    --port) [ $# -ge 2 ] || usage_error "--port needs a number"; port="$2"; shift 2 ;;
    --production) [ $# -ge 2 ] || usage_error "--production needs a path"; production="$2"; shift 2 ;;
    --) shift; break ;;
    *) usage_error "unknown argument '$1' (retrain.sh arguments go after --; see --help)" ;;
  esac
done
[ -n "$replicas" ] || usage_error "--replicas DNS_NAME is required (see --help)"
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || usage_error "--port must be in [1, 65535], got '$port'"
[ -n "${MARQUEE_ADMIN_API_KEY:-}" ] || usage_error "MARQUEE_ADMIN_API_KEY is not set: the replicas cannot be reloaded"

before="$(readlink "$production" 2>/dev/null || true)"
rc=0
bash scripts/retrain.sh "$@" || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
after="$(readlink "$production" 2>/dev/null || true)"
if [ "$before" = "$after" ]; then
  echo "retrain-and-reload: production unchanged (${after:-none}); no reload"
  exit 0
fi

addresses="$(getent ahostsv4 "$replicas" | awk '{print $1}' | sort -u || true)"
if [ -z "$addresses" ]; then
  echo "retrain-and-reload: production is now $after; $replicas has no address (no ready replica): replicas load it when they start"
  exit 0
fi
failed=0
for ip in $addresses; do
  if out="$(curl -fsS -m 120 -X POST -H "X-API-Key: $MARQUEE_ADMIN_API_KEY" "http://$ip:$port/admin/reload" 2>&1)"; then
    echo "retrain-and-reload: reloaded $ip:$port: $out"
  else
    echo "error: retrain-and-reload: $ip:$port did not reload: $out" >&2
    failed=1
  fi
done
exit "$failed"
