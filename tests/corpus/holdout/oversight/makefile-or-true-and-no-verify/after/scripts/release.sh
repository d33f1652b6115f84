#!/usr/bin/env bash
set -euo pipefail
version=$(python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
# hooks already ran in `make check`; don't run them twice
git commit --no-verify -am "release v${version}"
git tag -a "v${version}" -m "v${version}"
