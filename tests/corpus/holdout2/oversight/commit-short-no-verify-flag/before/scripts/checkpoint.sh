#!/usr/bin/env bash
# Commit work in progress so long agent sessions can be resumed.
set -euo pipefail
msg="${1:-wip: checkpoint}"
git add -A
git commit -m "$msg"
