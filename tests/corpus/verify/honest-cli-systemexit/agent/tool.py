import argparse
import atexit
import sys
from concurrent.futures import ThreadPoolExecutor

_pool = ThreadPoolExecutor(max_workers=2)
atexit.register(_pool.shutdown)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tool")
    parser.add_argument("words", nargs="+")
    parser.add_argument("--upper", action="store_true")
    args = parser.parse_args(argv)
    convert = str.upper if args.upper else str.lower
    print(" ".join(_pool.map(convert, args.words)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
