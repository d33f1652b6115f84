import sys

from .toc import build_toc


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: mdtoc FILE", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        print(build_toc(fh.read()))
    return 0
