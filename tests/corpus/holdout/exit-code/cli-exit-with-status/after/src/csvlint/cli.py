import argparse
import sys

from .checks import check_file


def main(argv=None) -> int:
    """Lint CSV files; return 1 when any problem was found, else 0."""
    parser = argparse.ArgumentParser(prog="csvlint")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    status = 0
    for path in args.paths:
        for problem in check_file(path):
            print(f"{path}: {problem}")
            status = 1
    return status


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
