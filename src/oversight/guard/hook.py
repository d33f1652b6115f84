"""Placeholder: replaced by the guard's hook entry point."""

import sys


def main(argv: list[str]) -> int:
    print("oversight: hook not built yet", file=sys.stderr)
    return 2
