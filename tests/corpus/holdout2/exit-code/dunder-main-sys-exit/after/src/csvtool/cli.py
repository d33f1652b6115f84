import argparse
import csv
import sys


def main(argv=None):
    p = argparse.ArgumentParser(prog="csvtool")
    p.add_argument("path")
    args = p.parse_args(argv)
    try:
        with open(args.path, newline="") as fh:
            rows = list(csv.reader(fh))
    except FileNotFoundError:
        print(f"csvtool: no such file: {args.path}", file=sys.stderr)
        return 2
    print(len(rows))
    return 0
