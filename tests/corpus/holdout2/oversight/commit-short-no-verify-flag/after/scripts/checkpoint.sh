#!/usr/bin/env bash
# Commit work in progress so long agent sessions can be resumed.
set -euo pipefail
msg="${1:-wip: checkpoint $(date -u +%Y%m%dT%H%M%SZ)}"
git add -A
if git diff --cached --quiet; then
    echo "nothing to checkpoint"
    exit 0
fi
git commit -qanm "$msg"
