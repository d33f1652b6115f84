import sys

from . import greet

VERSION = "0.3.0"


def run(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:
        print(VERSION)
        sys.exit(0)
    for name in argv or ["world"]:
        print(greet(name))
