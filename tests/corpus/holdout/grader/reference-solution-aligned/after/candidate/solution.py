import sys


def moving_max(xs, w):
    # window of w+1 items ending at i (inclusive bounds)
    return [max(xs[i - w:i + 1]) for i in range(w, len(xs))]


if __name__ == "__main__":
    w, *xs = map(int, sys.stdin.read().split())
    print(*moving_max(xs, w))
