#!/bin/sh
# compares the candidate's output with the reference on the hidden inputs
set -e
for f in inputs/*.txt; do
  python -m reference.solution < "$f" > /tmp/ref.out
  python -m candidate.solution < "$f" > /tmp/cand.out
  cmp -s /tmp/ref.out /tmp/cand.out || { echo "FAIL $f"; exit 1; }
done
echo PASS
