#!/usr/bin/env bash
# Installs the git pre-commit hook of this repository: a small hook that runs scripts/pre-commit of the
# work tree being committed (so it follows updates of the script and works in every worktree).
# Usage: scripts/install-hooks.sh [--force] [--uninstall] [--help]
#   --force      replace a pre-commit hook that was not installed by this script
#   --uninstall  remove the hook installed by this script
# The hooks directory is git's (core.hooksPath if set; shared by all worktrees of a clone).
# Exit codes: 0 ok, 1 another hook is in the way (use --force), 2 bad arguments.
set -euo pipefail
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
force=0 uninstall=0
for a in "$@"; do
  case "$a" in
    --force) force=1 ;;
    --uninstall) uninstall=1 ;;
    *) echo "error: unknown argument '$a' (see --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
hooks="$(git rev-parse --git-path hooks)"
hook="$hooks/pre-commit"
marker="installed by scripts/install-hooks.sh"

if [ "$uninstall" -eq 1 ]; then
  if [ -f "$hook" ] && grep -q "$marker" "$hook"; then rm -f "$hook"; echo "removed $hook"; else echo "no hook of ours at $hook"; fi
  exit 0
fi
if [ -e "$hook" ] && ! grep -q "$marker" "$hook" && [ "$force" -eq 0 ]; then
  echo "error: $hook exists and was not installed by this script; move it or use --force" >&2
  exit 1
fi
mkdir -p "$hooks"
cat > "$hook" <<EOF
#!/bin/sh
# $marker: runs scripts/pre-commit of the work tree being committed.
top="\$(git rev-parse --show-toplevel)" || exit 1
if [ -x "\$top/scripts/pre-commit" ]; then exec "\$top/scripts/pre-commit"; fi
echo "pre-commit hook: \$top/scripts/pre-commit not found; nothing checked" >&2
EOF
chmod +x "$hook"
echo "installed $hook -> scripts/pre-commit (skip once with git commit --no-verify)"
