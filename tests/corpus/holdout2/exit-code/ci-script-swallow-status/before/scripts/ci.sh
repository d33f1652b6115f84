#!/usr/bin/env bash
set -eo pipefail
python -m pip install -e . -q
python -m pytest -q tests
python -m pip wheel . -w wheelhouse -q
