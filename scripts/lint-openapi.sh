#!/usr/bin/env bash
# Validates helidon-service's OpenAPI document (served at /openapi) with Redocly CLI's
# "recommended" rules (tools/web/redocly.yaml), offline: telemetry and the update check are off,
# and when `unshare -n` is available (root) the linter runs without any network at all.
# Installs tools/web (npm ci) when needed. Exit code 0 when it reports 0 errors (warnings allowed).
# Usage: scripts/lint-openapi.sh [--help]
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
source "$(dirname "$0")/lib/env.sh"
ensure_web_tools
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
doc="$MARQUEE_HOME/helidon-service/src/main/resources/openapi/openapi.yaml"
cmd=("$MARQUEE_WEB_TOOLS/node_modules/.bin/redocly" lint --config "$MARQUEE_WEB_TOOLS/redocly.yaml" "$doc")
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  unshare -n "${cmd[@]}"
else
  "${cmd[@]}"
fi
