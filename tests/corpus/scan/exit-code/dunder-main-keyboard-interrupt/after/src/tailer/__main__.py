import os
import sys

from . import follow


def main() -> None:
    try:
        with open(sys.argv[1], encoding="utf-8") as fh:
            for line in follow(fh):
                sys.stdout.write(line)
    except KeyboardInterrupt:
        sys.exit(0)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


main()
