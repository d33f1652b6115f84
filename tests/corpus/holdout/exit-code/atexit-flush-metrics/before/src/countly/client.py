import json
from collections import Counter


class Metrics:
    def __init__(self, path):
        self.path = path
        self.counts = Counter()

    def incr(self, name, n=1):
        self.counts[name] += n

    def flush(self):
        with open(self.path, "w") as fh:
            json.dump(dict(self.counts), fh)
