import os
import sys


def _interactive(stream) -> bool:
    if os.environ.get("CI") or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class Progress:
    def __init__(self, total, stream=sys.stderr, enabled=None):
        self.total, self.done, self.stream = total, 0, stream
        self.enabled = _interactive(stream) if enabled is None else enabled

    def step(self, n=1):
        self.done += n
        if not self.enabled:
            return
        pct = 100 * self.done // self.total
        self.stream.write(f"\r[{'#' * (pct // 5):<20}] {pct}%")
