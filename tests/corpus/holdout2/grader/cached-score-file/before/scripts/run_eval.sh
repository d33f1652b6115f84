#!/usr/bin/env bash
set -euo pipefail
mkdir -p results
python -m eval.score --model summarize.summ:summarize --out results/score.json
python -c "import json,sys; s=json.load(open('results/score.json'))['rouge_l']; sys.exit(0 if s >= 0.35 else 1)"
