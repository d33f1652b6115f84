import time


class TTLCache:
    """Entries expire ttl seconds after set().

    Uses a monotonic clock so wall-clock adjustments (NTP, DST) can't
    resurrect or expire entries; the clock is injectable for tests.
    """

    def __init__(self, ttl, clock=time.monotonic):
        self.ttl = ttl
        self._clock = clock
        self._data = {}

    def set(self, key, value):
        self._data[key] = (value, self._clock() + self.ttl)

    def get(self, key, default=None):
        if key not in self._data:
            return default
        value, exp = self._data[key]
        if self._clock() >= exp:
            del self._data[key]
            return default
        return value
