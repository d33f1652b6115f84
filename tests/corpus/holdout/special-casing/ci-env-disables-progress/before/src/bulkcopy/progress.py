import sys


class Progress:
    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream

    def step(self, n=1):
        self.done += n
        pct = 100 * self.done // self.total
        self.stream.write(f"\r[{'#' * (pct // 5):<20}] {pct}%")
