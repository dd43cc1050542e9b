#!/usr/bin/env bash
# Sourced by every script in scripts/: selects a JDK 25+, sets the JVM flags and the native-library
# environment, and defines small helpers. Plain `java` on this kind of machine is 17, so nothing here
# relies on it.

MARQUEE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export MARQUEE_HOME

die() { echo "error: $*" >&2; exit "${EXIT_CODE:-1}"; }
usage_error() { echo "error: $*" >&2; exit 2; }

java_major() { # prints the feature version of the java binary in $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
    :
  else
    local best="" best_v=0 d v
    for d in /usr/lib/jvm/*/ /opt/java/openjdk/; do
      [ -x "${d}bin/java" ] && [ -x "${d}bin/javac" ] || continue
      v=$(java_major "${d}bin/java")
      if [ "${v:-0}" -gt "$best_v" ] 2>/dev/null; then best="${d%/}"; best_v=$v; fi
    done
    [ "$best_v" -ge 25 ] 2>/dev/null || die "no JDK 25+ found: set JAVA_HOME to one (looked under /usr/lib/jvm)"
    JAVA_HOME="$best"
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Installs the Debian packages given as arguments that are not installed yet (apt-get; sudo when
# not root). Quiet when nothing is missing.
ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2 \
    || die "could not install ${missing[*]}; install them and retry"
}

# Debian packages the build and runtime need: g++ and FAISS/OpenBLAS for the native shim,
# python3-faiss/numpy for the interoperability check. Installed only when missing.
# MARQUEE_PREBUILT=1 (set by the Dockerfile's runtime image, whose tree was built and whose libraries
# were installed at image build time) turns this and ensure_built into no-ops.
ensure_native_packages() {
  [ "${MARQUEE_PREBUILT:-0}" = 1 ] && return 0
  ensure_apt_packages g++ libfaiss-dev libopenblas-dev libgomp1 python3-faiss python3-numpy curl
}

# The HTTP load generator of scripts/bench-serve.sh (wrk 4, with LuaJIT for scripts/lib/wrk_load.lua).
ensure_bench_packages() {
  ensure_apt_packages wrk curl
}

# The npm tools of tools/web (playwright-core for the browser tests, @redocly/cli for the OpenAPI
# lint), pinned by its package-lock.json: `npm ci` when node_modules is missing or older than the
# lock file. Needs Node.js >= 20.19 and npm (the machine's; Debian's nodejs package is 18 and too
# old, so it is installed only when there is no node at all, and then the version check fails).
MARQUEE_WEB_TOOLS="$MARQUEE_HOME/tools/web"
ensure_web_tools() {
  command -v node >/dev/null && command -v npm >/dev/null || ensure_apt_packages nodejs npm
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    || die "Node.js >= 20.19 is needed for tools/web, found $(node --version)"
  local stamp="$MARQUEE_WEB_TOOLS/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$MARQUEE_WEB_TOOLS/package-lock.json" -nt "$stamp" ]; then
    echo "installing tools/web (npm ci)..." >&2
    (cd "$MARQUEE_WEB_TOOLS" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci in tools/web failed"
  fi
}

# One OpenMP/BLAS thread per calling thread (TOOLCHAIN.md: request threads each run their own team).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
MARQUEE_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector)

mvnw() { "$MARQUEE_HOME/mvnw" -f "$MARQUEE_HOME/pom.xml" "$@"; }

select_jdk

# Builds the project (skipping tests) when a module's classpath file is missing or a source,
# resource or POM is newer than it. Quiet unless something fails.
ensure_built() {
  [ "${MARQUEE_PREBUILT:-0}" = 1 ] && return 0
  local stale=0 m
  for m in trainer beam-pipelines helidon-service benchmarks flink-runner; do
    local cp="$MARQUEE_HOME/$m/target/classpath.txt"
    if [ ! -f "$cp" ]; then stale=1; break; fi
    if [ -n "$(find "$MARQUEE_HOME/common/src" "$MARQUEE_HOME/trainer/src" "$MARQUEE_HOME/$m/src" "$MARQUEE_HOME/pom.xml" \
        "$MARQUEE_HOME/common/pom.xml" "$MARQUEE_HOME/trainer/pom.xml" "$MARQUEE_HOME/$m/pom.xml" -newer "$cp" \
        -print -quit 2>/dev/null)" ]; then
      stale=1; break
    fi
  done
  [ "$stale" -eq 0 ] && return 0
  echo "building Marquee (mvnw package -DskipTests)..." >&2
  mvnw -B -q -DskipTests package >&2 || die "build failed (rerun: ./mvnw -B -DskipTests package)"
  # maven-dependency-plugin leaves classpath.txt untouched when its content is unchanged: mark the
  # build as fresh, or every later call would rebuild.
  touch "$MARQUEE_HOME/trainer/target/classpath.txt" "$MARQUEE_HOME/beam-pipelines/target/classpath.txt" \
    "$MARQUEE_HOME/helidon-service/target/classpath.txt" \
    "$MARQUEE_HOME/benchmarks/target/classpath.txt" "$MARQUEE_HOME/flink-runner/target/classpath.txt"
}

# The module whose classpath runs a Beam job given the job's arguments: flink-runner (Beam's
# FlinkRunner + Flink 1.19, docs/RUNNERS.md) for `--runner FlinkRunner`, `--runner=FlinkRunner` or the
# fully qualified class name; otherwise beam-pipelines, whose classpath holds only the DirectRunner.
beam_module() {
  local prev="" a runner=""
  for a in "$@"; do
    case "$a" in
      --runner=*) runner="${a#--runner=}" ;;
      *) [ "$prev" = "--runner" ] && runner="$a" ;;
    esac
    prev="$a"
  done
  case "$runner" in
    FlinkRunner | *.FlinkRunner) echo flink-runner ;;
    *) echo beam-pipelines ;;
  esac
}

# java -cp for a module's main classes plus its runtime dependencies.
module_classpath() {
  local m="$1"
  echo "$MARQUEE_HOME/$m/target/classes:$(cat "$MARQUEE_HOME/$m/target/classpath.txt")"
}

# The JDK writes "WARNING: Using incubator modules: jdk.incubator.vector" to stderr at every start of
# a JVM that adds the Vector API module (MARQUEE_JVM_FLAGS), and no option turns it off. run_java
# drops exactly that line and passes everything else through, line by line, in order; the JVM
# still replaces this shell (same PID, signals reach it), and a caller reading stderr to its end
# waits for the filter too.
INCUBATOR_WARNING='WARNING: Using incubator modules: jdk.incubator.vector'

run_java() { # run_java MODULE MAIN_CLASS [args...]
  local m="$1" main="$2"; shift 2
  exec "$JAVA_HOME/bin/java" "${MARQUEE_JVM_FLAGS[@]}" ${JAVA_OPTS:-} -cp "$(module_classpath "$m")" "$main" "$@" \
    2> >(grep --line-buffered -v -x -F "$INCUBATOR_WARNING" >&2)
}
