#!/usr/bin/env bash
set -euo pipefail

pip install -e ".[dev]"
ruff check .
python -m pytest -q tests
echo "CI finished"
