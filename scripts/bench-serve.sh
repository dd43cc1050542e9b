#!/usr/bin/env bash
# Serving benchmark: latency at a fixed request rate and throughput at saturation of the Marquee
# server on a synthetic MovieLens-shaped model, driven by wrk over loopback on this machine.
#
#   scripts/bench-serve.sh [--shape ml-20m] [--factors 128] [--iterations 3] [--rate 2000]
#       [--rates R1,R2] [--duration 60] [--warmup 15] [--mode ivf|exact|auto] [--reload-every 0]
#       [--connections 32] [--threads 1] [--heap 768m] [--recall-users 0] [--cache-top-n 20]
#       [--repeat 1] [--recommend-only] [--model-only] [--help]
#
# Steps: (1) build or reuse the model (benchmarks/data/models/<shape>-f<factors>-seed42: synthetic
# data generated when missing, iALS CG trained with the project trainer; two versions -a/-b);
# (2) start scripts/serve.sh on 127.0.0.1 (request log in a fresh temporary directory,
# retrieval.mode from --mode); (3) warm up; (4) wrk runs of --duration seconds each: GET
# /health/live at saturation (a trivial Helidon route), POST /recommend at saturation, at --rate
# and at each other rate of --rates, then (when --reload-every N > 0) once more at --rate while the
# production symlink is flipped between the two versions and POST /admin/reload is called every N
# seconds; POST /similar and GET /popular at each of --rates (default: --rate) and at saturation; (5) server RSS,
# versions seen in the request log during the reload run, request-log rows dropped or failed (from
# /metrics); (6) SIGTERM, request-log row count.
#
# Fixed rate: wrk 4 is closed-loop; scripts/lib/wrk_load.lua paces each connection with wrk's
# delay() hook on an absolute schedule and reports sends that fell behind it (see that file).
# --recall-users N: before the load, recall@10 of N users' /recommend lists as served (HTTP) vs
# exact scoring in-process (scripts/retrieval-recall.sh --url), also with a genre filter.
# --cache-top-n N: retrieval.cache_top_n of the server (per-user list cache; 0 = off, every
# /recommend runs retrieval). wrk requests users uniformly at random over all model users; the
# cache hits and misses of the /recommend runs are printed from /metrics.
# --repeat N: each /recommend run at --rate is done N times (runs recommend-at-<rate>, -2, ...; the
# last line reports the first), to see the run-to-run spread of the tail.
# --recommend-only: only the /recommend runs (saturation, --rate, --rates, reload run); no bare
# route, /similar or /popular runs (bare_route_max_rps=- in the last line).
# Every run line ends with steal_pct: the share of this VM's CPU time taken by the hypervisor for
# others during the run (from /proc/stat; 0 on bare metal).
# --model-only: build the model and print its production directory, nothing else.
# Extra server JVM options: SERVER_JAVA_OPTS (default: -Xms<heap> -Xmx<heap>).
#
# Last line: recommend_p50_ms=<x> recommend_p99_ms=<y> rate=<r> errors=<n> bare_route_max_rps=<b>
#   recommend_max_rps=<m>
# Exit codes: 0 ok (also when latency targets are missed: the numbers are the result), 2 bad
# arguments, 1 failure (model build, server start, wrk missing, failed requests during a reload run).
set -euo pipefail
usage() { sed -n '2,39p' "$0" | sed 's/^# \{0,1\}//'; }
SHAPE=ml-20m FACTORS=128 ITERATIONS=3 RATE=2000 RATES="" DURATION=60 WARMUP=15 MODE=ivf RELOAD_EVERY=0
CONNECTIONS=32 THREADS=1 HEAP=768m MODEL_ONLY=0 RECALL_USERS=0 CACHE_TOP_N=20 REPEAT=1 RECOMMEND_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --shape) SHAPE="${2:?--shape needs a value}"; shift 2 ;;
    --factors) FACTORS="${2:?}"; shift 2 ;;
    --iterations) ITERATIONS="${2:?}"; shift 2 ;;
    --rate) RATE="${2:?}"; shift 2 ;;
    --rates) RATES="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --mode) MODE="${2:?}"; shift 2 ;;
    --reload-every) RELOAD_EVERY="${2:?}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?}"; shift 2 ;;
    --threads) THREADS="${2:?}"; shift 2 ;;
    --heap) HEAP="${2:?}"; shift 2 ;;
    --recall-users) RECALL_USERS="${2:?}"; shift 2 ;;
    --cache-top-n) CACHE_TOP_N="${2:?}"; shift 2 ;;
    --repeat) REPEAT="${2:?}"; shift 2 ;;
    --recommend-only) RECOMMEND_ONLY=1; shift ;;
    --model-only) MODEL_ONLY=1; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for v in FACTORS ITERATIONS RATE DURATION WARMUP RELOAD_EVERY CONNECTIONS THREADS RECALL_USERS CACHE_TOP_N REPEAT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "error: --$(echo "$v" | tr 'A-Z_' 'a-z-') must be a non-negative integer, got '${!v}'" >&2; exit 2; }
done
[ "$RATE" -ge 1 ] && [ "$DURATION" -ge 1 ] && [ "$THREADS" -ge 1 ] && [ "$REPEAT" -ge 1 ] && [ "$CONNECTIONS" -ge "$THREADS" ] \
  || { echo "error: --rate, --duration, --threads, --repeat must be >= 1 and --connections >= --threads" >&2; exit 2; }
case "$MODE" in exact|ivf|auto) ;; *) echo "error: --mode must be exact, ivf or auto, got '$MODE'" >&2; exit 2 ;; esac
case "$SHAPE" in ml-1m|ml-20m|ml-25m) ;; *) echo "error: --shape must be ml-1m, ml-20m or ml-25m" >&2; exit 2 ;; esac
RATES="${RATES:-$RATE}"
[[ "$RATES" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "error: --rates must be comma-separated integers" >&2; exit 2; }

source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
ensure_native_packages
ensure_bench_packages
ensure_built
cd "$MARQUEE_HOME"

log() { echo "[bench-serve] $*" >&2; }

# 1. Model.
BUILD_LOG=$(mktemp)
if ! (JAVA_OPTS="${BUILD_JAVA_OPTS:--Xmx12g}" run_java benchmarks com.marquee.benchmarks.ServeModelBuilder \
    --shape "$SHAPE" --factors "$FACTORS" --iterations "$ITERATIONS") >"$BUILD_LOG" 2>&1; then
  cat "$BUILD_LOG" >&2; die "model build failed"
fi
grep -v '^WARNING: Using incubator' "$BUILD_LOG" >&2 || true
PROD=$(tail -1 "$BUILD_LOG"); rm -f "$BUILD_LOG"
[ -f "$PROD/model_metadata.json" ] || die "model build did not produce $PROD"
if [ "$MODEL_ONLY" -eq 1 ]; then echo "$PROD"; exit 0; fi
REGISTRY="$(dirname "$PROD")/registry"
VERSION_A=$(basename "$(readlink -f "$PROD")"); VERSION_B="${VERSION_A%-a}-b"
read -r USERS ITEMS < <(/usr/bin/python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["dataset"]["counts"]; print(c["users"], c["items"])' "$PROD/model_metadata.json")

# 2. Server.
WORK=$(mktemp -d /tmp/marquee-bench-serve.XXXXXX)
mkdir -p "$WORK/models"
ln -s "$REGISTRY/$VERSION_A" "$WORK/models/production"
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
API_KEY="bench-$$-$RANDOM"
SERVER_PID=""
RELOAD_PID=""
cleanup() {
  [ -n "$RELOAD_PID" ] && kill "$RELOAD_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
log "machine: $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
log "model $VERSION_A ($USERS users x $ITEMS items x $FACTORS factors), retrieval.mode=$MODE, work dir $WORK"
# Reloads come from POST /admin/reload only (model watcher off); no rate limit on the load client.
MARQUEE_REQUEST_LOG_DB_PATH="$WORK/requests.db" MARQUEE_ADMIN_API_KEYS="$API_KEY" MARQUEE_RETRIEVAL_MODE="$MODE" \
  MARQUEE_RETRIEVAL_CACHE_TOP_N="$CACHE_TOP_N" \
  MARQUEE_MODELS_WATCH_INTERVAL_MS=0 MARQUEE_RATE_LIMIT_REQUESTS_PER_SECOND=0 \
  MARQUEE_DASHBOARD_REPORTS_DIR="$WORK/reports" JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms$HEAP -Xmx$HEAP}" \
  bash scripts/serve.sh --host 127.0.0.1 --port "$PORT" --models "$WORK/models/production" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!  # serve.sh execs java: this is the JVM
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready" 2>/dev/null)" = "200" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "server exited during start"; }
  sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = "200" ] || die "server not ready after 120 s (see $WORK/server.log)"
log "server ready on $BASE (pid $SERVER_PID, RSS $(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVER_PID/status) MB)"

# run_wrk NAME ENDPOINT RATE SECONDS: one wrk run; its RESULT line goes to $WORK/NAME.result and stdout.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; } # utime + stime of the JVM, in 1/100 s
steal_ticks() { awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print $9, t}' /proc/stat; } # steal, all
run_wrk() {
  local name="$1" endpoint="$2" rate="$3" secs="$4" t0 s0
  t0=$(cpu_ticks); s0=$(steal_ticks)
  MARQUEE_WRK_ENDPOINT="$endpoint" MARQUEE_WRK_RATE="$rate" MARQUEE_WRK_THREADS="$THREADS" \
    MARQUEE_WRK_USERS="$USERS" MARQUEE_WRK_ITEMS="$ITEMS" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${secs}s" --timeout 5s -s scripts/lib/wrk_load.lua "$BASE" \
    >"$WORK/$name.wrk" 2>&1 || { cat "$WORK/$name.wrk" >&2; die "wrk failed ($name)"; }
  grep '^RESULT ' "$WORK/$name.wrk" | sed 's/^RESULT //' >"$WORK/$name.result" || die "no RESULT from wrk ($name)"
  # Server CPU per answered request (all JVM threads: HTTP, retrieval, GC, JIT, request-log writer):
  # robust to other load on the machine, unlike latencies; capacity ~ cores * 1000 / it.
  local n; n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' "$WORK/$name.result")
  echo "server_cpu_ms_per_request=$(awk -v d=$(( $(cpu_ticks) - t0 )) -v n="$n" 'BEGIN {printf "%.3f", (n > 0 ? d * 10 / n : 0)}')" \
    >>"$WORK/$name.result"
  # Steal: the share of this VM's CPU time the hypervisor gave to others during the run (0 on
  # bare metal). Latency tails on this machine follow it (docs/BENCHMARKS.md, "The default-scheduling tail").
  echo "steal_pct=$(steal_ticks | awk -v s0="$s0" '{split($0, a, " "); split(s0, b, " "); d = a[2] - b[2]; printf "%.1f", (d > 0 ? 100 * (a[1] - b[1]) / d : 0)}')" \
    >>"$WORK/$name.result"
  printf '%-24s rate=%-5s %s  (load %s)\n' "$name" "${rate/#0/max}" "$(tr '\n' ' ' <"$WORK/$name.result")" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" "$WORK/$1.result" | head -1; }

if [ "$RECALL_USERS" -gt 0 ]; then
  log "recall@10 of served /recommend lists vs exact scoring, $RECALL_USERS users"
  (JAVA_OPTS="-Xmx3g" run_java benchmarks com.marquee.benchmarks.RetrievalRecall --model "$PROD" \
    --users "$RECALL_USERS" --url "$BASE") 2>&1 | grep -v '^WARNING: Using incubator' || die "recall check failed"
fi

# 3. Warm-up (JIT) on the three endpoints.
log "warm-up ${WARMUP}s"
run_wrk warmup-recommend recommend 0 "$WARMUP" >/dev/null
if [ "$RECOMMEND_ONLY" = 0 ]; then
  run_wrk warmup-similar similar 0 "$(( (WARMUP + 2) / 3 ))" >/dev/null
  run_wrk warmup-popular popular 0 "$(( (WARMUP + 2) / 3 ))" >/dev/null
fi

# 4. Measured runs.
echo "== wrk: $THREADS thread(s), $CONNECTIONS connections, ${DURATION}s per run; latencies in ms =="
[ "$RECOMMEND_ONLY" = 1 ] || run_wrk live-max live 0 "$DURATION"
run_wrk recommend-max recommend 0 "$DURATION"
reload_loop() { # flips production between the two versions and reloads every $RELOAD_EVERY s
  local v="$VERSION_B" end=$((SECONDS + DURATION)) code
  while sleep "$RELOAD_EVERY" && [ $SECONDS -lt $end ]; do
    ln -sfn "$REGISTRY/$v" "$WORK/models/production.next" && mv -T "$WORK/models/production.next" "$WORK/models/production"
    code=$(curl -s -o "$WORK/reload.last" -w '%{http_code}' -X POST -H "X-API-Key: $API_KEY" "$BASE/admin/reload" || echo 000)
    echo "$(date +%s.%N) $v $code" >>"$WORK/reloads.txt"
    if [ "$v" = "$VERSION_B" ]; then v="$VERSION_A"; else v="$VERSION_B"; fi
  done
}
run_wrk "recommend-at-$RATE" recommend "$RATE" "$DURATION"
for i in $(seq 2 "$REPEAT"); do run_wrk "recommend-at-$RATE-$i" recommend "$RATE" "$DURATION"; done
for r in ${RATES//,/ }; do [ "$r" = "$RATE" ] || run_wrk "recommend-at-$r" recommend "$r" "$DURATION"; done
if [ "$RELOAD_EVERY" -gt 0 ]; then
  T_FIXED_START=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
  reload_loop & RELOAD_PID=$!
  run_wrk "recommend-at-$RATE-reloading" recommend "$RATE" "$DURATION"
  wait "$RELOAD_PID" || true; RELOAD_PID=""
  T_FIXED_END=$(date -u +%Y-%m-%dT%H:%M:%S.999Z)
fi
# metric NAME [LABEL]: the value of the first series of NAME in /metrics (whose labels contain LABEL).
metric() { curl -s "$BASE/metrics" | sed -n "s/^$1{[^}]*${2:-}[^}]*} \([0-9.eE+]*\)$/\1/p" | head -1; }
echo "per-user list cache (retrieval.cache_top_n=$CACHE_TOP_N) over warm-up and /recommend runs:" \
  "hits=$(metric marquee_recommend_cache_lookups_total 'result="hit"')" \
  "misses=$(metric marquee_recommend_cache_lookups_total 'result="miss"')"
if [ "$RECOMMEND_ONLY" = 0 ]; then
  for r in ${RATES//,/ }; do run_wrk "similar-at-$r" similar "$r" "$DURATION"; done
  run_wrk similar-max similar 0 "$DURATION"
  for r in ${RATES//,/ }; do run_wrk "popular-at-$r" popular "$r" "$DURATION"; done
  run_wrk popular-max popular 0 "$DURATION"
fi

# 5. Memory, request log, versions.
RSS_MB=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVER_PID/status)
HWM_MB=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$SERVER_PID/status)
echo "server memory: RSS ${RSS_MB} MB now, peak ${HWM_MB} MB (heap -Xmx$HEAP; model $USERS x $ITEMS x $FACTORS)"
STATUS=0
if [ "$RELOAD_EVERY" -gt 0 ]; then
  n_reloads=$(wc -l <"$WORK/reloads.txt" 2>/dev/null || echo 0)
  ok_reloads=$(awk '$3 == 200' "$WORK/reloads.txt" 2>/dev/null | wc -l)
  sleep 1 # request-log flush interval
  VERSIONS=$(/usr/bin/python3 - "$WORK/requests.db" "$T_FIXED_START" "$T_FIXED_END" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT model_version, status FROM request_logs WHERE endpoint = '/recommend' AND timestamp >= ? "
                  "AND timestamp <= ? ORDER BY timestamp, rowid", (sys.argv[2], sys.argv[3])).fetchall()
counts, switches, prev, bad = {}, 0, None, 0
for v, status in rows:
    counts[v] = counts.get(v, 0) + 1
    switches += prev is not None and v != prev
    prev = v
    bad += status != 200
print("versions_seen=%d switches=%d logged=%d non_200=%d %s" % (len(counts), switches, len(rows), bad,
      " ".join("%s:%d" % kv for kv in sorted(counts.items()))))
EOF
)
  rec_errors=$(field "recommend-at-$RATE-reloading" errors)
  echo "hot reload every ${RELOAD_EVERY}s during the ${DURATION}s /recommend run: $ok_reloads of $n_reloads reloads answered 200; wrk errors=$rec_errors; request log: $VERSIONS"
  if [ "$rec_errors" != "0" ] || [ "$ok_reloads" != "$n_reloads" ] || [ "$n_reloads" -eq 0 ]; then STATUS=1; fi
fi
echo "request log before SIGTERM: dropped=$(metric marquee_request_log_dropped_total)" \
  "failed=$(metric marquee_request_log_failed_total) (rows == requests served iff both are 0)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); server log: $WORK/server.log"

# 6. Graceful stop.
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
ROWS=$(/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM request_logs").fetchone()[0])' "$WORK/requests.db")
echo "request_logs rows after SIGTERM: $ROWS"

echo "recommend_p50_ms=$(field "recommend-at-$RATE" p50_ms) recommend_p99_ms=$(field "recommend-at-$RATE" p99_ms)" \
  "rate=$(field "recommend-at-$RATE" rps) errors=$(field "recommend-at-$RATE" errors)" \
  "bare_route_max_rps=$([ "$RECOMMEND_ONLY" = 1 ] && echo - || field live-max rps) recommend_max_rps=$(field recommend-max rps)"
exit "$STATUS"
