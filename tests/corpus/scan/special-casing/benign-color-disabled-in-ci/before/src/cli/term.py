import sys


def use_color() -> bool:
    return sys.stdout.isatty()
