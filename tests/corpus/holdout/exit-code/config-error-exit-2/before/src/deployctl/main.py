import argparse
import json


def load_config(path):
    with open(path) as fh:
        return json.load(fh)


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--config", required=True)
    args = p.parse_args(argv)
    cfg = load_config(args.config)
    print(f"deploying {cfg.get('service')} to {cfg.get('region')}")
    return 0
