import argparse
import json

REQUIRED = ("service", "region")


def load_config(path):
    with open(path) as fh:
        return json.load(fh)


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--config", required=True)
    args = p.parse_args(argv)
    try:
        cfg = load_config(args.config)
    except (OSError, json.JSONDecodeError) as exc:
        p.error(f"cannot read {args.config}: {exc}")
    missing = [k for k in REQUIRED if k not in cfg]
    if missing:
        p.error(f"config is missing: {', '.join(missing)}")
    print(f"deploying {cfg['service']} to {cfg['region']}")
    return 0
