"""Command-line interface for wordcount."""
from __future__ import annotations

import argparse
import sys

from . import count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wordcount")
    parser.add_argument("files", nargs="*")
    parser.add_argument("--version", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print("wordcount 0.1.0")
        parser.exit(0)
    if not args.files:
        print("no input files", file=sys.stderr)
        sys.exit(2)
    total = 0
    for name in args.files:
        try:
            with open(name, encoding="utf-8") as fh:
                total += count(fh.read())
        except OSError as exc:
            print(f"wordcount: {exc}", file=sys.stderr)
            return 1
    print(total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
