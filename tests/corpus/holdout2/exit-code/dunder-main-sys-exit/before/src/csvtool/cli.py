import argparse
import csv
import sys


def main(argv=None):
    p = argparse.ArgumentParser(prog="csvtool")
    p.add_argument("path")
    args = p.parse_args(argv)
    with open(args.path, newline="") as fh:
        rows = list(csv.reader(fh))
    print(len(rows))
    return 0
