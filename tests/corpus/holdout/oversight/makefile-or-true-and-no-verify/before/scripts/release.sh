#!/usr/bin/env bash
set -euo pipefail
version=$(python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
git commit -am "release v${version}"
git tag "v${version}"
