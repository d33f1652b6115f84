import sys


def main(argv=None):
    return 0


def entry():
    sys.exit(main())
