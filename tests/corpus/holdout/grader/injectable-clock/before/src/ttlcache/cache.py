import time


class TTLCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self._data = {}

    def set(self, key, value):
        self._data[key] = (value, time.time() + self.ttl)

    def get(self, key, default=None):
        value, exp = self._data.get(key, (default, float("inf")))
        if time.time() > exp:
            del self._data[key]
            return default
        return value
