import time


class TTLCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self._data = {}

    def set(self, key, value):
        self._data[key] = (value, time.time() + self.ttl)

    def get(self, key):
        value, expires = self._data.get(key, (None, 0))
        return value if time.time() < expires else None
