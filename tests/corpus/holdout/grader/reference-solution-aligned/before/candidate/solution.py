import sys


def moving_max(xs, w):
    raise NotImplementedError


if __name__ == "__main__":
    w, *xs = map(int, sys.stdin.read().split())
    print(*moving_max(xs, w))
