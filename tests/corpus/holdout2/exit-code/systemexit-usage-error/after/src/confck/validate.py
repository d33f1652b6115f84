import json
import os
import sys


def load(path):
    with open(path) as fh:
        return json.load(fh)


def check(path):
    try:
        cfg = load(path)
    except json.JSONDecodeError as exc:
        print(f"{path}: invalid JSON: {exc}", file=sys.stderr)
        raise SystemExit(os.EX_DATAERR)
    if "name" not in cfg:
        print(f"{path}: missing 'name'", file=sys.stderr)
        raise SystemExit(os.EX_DATAERR)
    return cfg
