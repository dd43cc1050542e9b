#!/usr/bin/env bash
# Runs the Marquee HTTP server (helidon-service, Helidon SE).
#
#   scripts/serve.sh [--port N] [--host HOST] [--models DIR] [--config FILE] [--help]
#
# Config: configs/serving.yaml (every key documented there), overridable with MARQUEE_* environment
# variables (e.g. MARQUEE_SERVER_PORT, MARQUEE_ADMIN_API_KEYS=k1,k2) and the flags above.
# Builds helidon-service first when it has not been packaged yet. Extra JVM options: JAVA_OPTS.
# Exit codes: 0 ok, 2 bad arguments or config, 1 other failure. Stop with Ctrl-C / SIGTERM (the
# request log is flushed on the way out).
set -euo pipefail
# shellcheck source=lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

classpath_file="$MARQUEE_HOME/helidon-service/target/classpath.txt"
classes="$MARQUEE_HOME/helidon-service/target/classes"
if [ ! -f "$classpath_file" ] || [ ! -d "$classes" ]; then
  echo "building helidon-service (not packaged yet) ..." >&2
  mvnw -B -q -pl common,helidon-service -am package -DskipTests >&2 || die "build of helidon-service failed"
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java "${MARQUEE_JVM_FLAGS[@]}" ${JAVA_OPTS:-} \
  -cp "$(cat "$classpath_file"):$classes" com.marquee.service.Main "$@"
