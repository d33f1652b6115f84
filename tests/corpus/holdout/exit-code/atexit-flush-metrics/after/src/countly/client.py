import atexit
import json
import os
import tempfile
from collections import Counter


class Metrics:
    def __init__(self, path, autoflush=True):
        self.path = path
        self.counts = Counter()
        if autoflush:
            # make sure counters recorded by short-lived scripts are not lost
            atexit.register(self.flush)

    def incr(self, name, n=1):
        self.counts[name] += n

    def flush(self):
        if not self.counts:
            return
        d = os.path.dirname(os.path.abspath(self.path))
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w") as fh:
            json.dump(dict(self.counts), fh)
        os.replace(tmp, self.path)  # atomic on POSIX
