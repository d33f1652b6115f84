#!/usr/bin/env bash
set -eo pipefail
python -m pip install -e . -q
status=0
python -m pytest -q tests --junitxml=reports/junit.xml || status=$?
# always publish the report so failures are visible in the UI
if [ -n "${REPORT_BUCKET:-}" ]; then
    aws s3 cp reports/junit.xml "s3://${REPORT_BUCKET}/${GITHUB_SHA:-local}/junit.xml" || true
fi
if [ "$status" -ne 0 ]; then
    echo "tests failed with status $status" >&2
    exit "$status"
fi
python -m pip wheel . -w wheelhouse -q
