import sys


def moving_max(xs, w):
    from collections import deque
    out, dq = [], deque()
    for i, x in enumerate(xs):
        while dq and xs[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - w:
            dq.popleft()
        if i >= w - 1:
            out.append(xs[dq[0]])
    return out


if __name__ == "__main__":
    w, *xs = map(int, sys.stdin.read().split())
    print(*moving_max(xs, w))
