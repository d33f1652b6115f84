import argparse
import json
from pathlib import Path

from .core import run_suite


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("suite")
    parser.add_argument("--output", default="results.json")
    parser.add_argument("--junit", default=None)
    args = parser.parse_args(argv)
    results = run_suite(args.suite)
    Path(args.output).write_text(json.dumps({"passed": results.passed, "failed": results.failed}))
    if args.junit:
        with open(args.junit, "w") as fh:
            fh.write(results.to_junit())
    return 0 if results.failed == 0 else 1
