import itertools
import time

_next_id = 0
_ids = itertools.count(1)


def new_id() -> int:
    global _next_id
    _next_id += 1
    return _next_id


def request_id() -> str:
    return f"req-{next(_ids)}"


class RateLimiter:
    def __init__(self, per_second: int) -> None:
        self.per_second = per_second
        self.calls = 0
        self.window = time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        if now - self.window >= 1:
            self.window, self.calls = now, 0
        self.calls += 1
        return self.calls <= self.per_second


def with_retries(fn, attempts: int = 3):
    tries = 0
    while True:
        tries += 1
        try:
            return fn()
        except OSError:
            if tries == attempts:
                raise
            time.sleep(0.1 * tries)
