class Headers:
    def __init__(self, pairs=()):
        self._items = {}
        for k, v in pairs:
            self._items[k.lower()] = v

    def __getitem__(self, key):
        return self._items[key.lower()]

    def keys(self):
        return list(self._items)
