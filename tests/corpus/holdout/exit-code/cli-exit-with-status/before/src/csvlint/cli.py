import argparse

from .checks import check_file


def main(argv=None):
    parser = argparse.ArgumentParser(prog="csvlint")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    for path in args.paths:
        for problem in check_file(path):
            print(f"{path}: {problem}")
