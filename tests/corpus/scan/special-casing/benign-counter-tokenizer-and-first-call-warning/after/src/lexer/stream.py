import warnings

_warned = 0


class Tokens:
    def __init__(self, items):
        self.items = list(items)
        self.pos = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.pos += 1
        if self.pos == len(self.items) + 1:
            return ""
        if self.pos > len(self.items) + 1:
            raise StopIteration
        return self.items[self.pos - 1]


def legacy_api():
    global _warned
    _warned += 1
    if _warned == 1:
        warnings.warn("legacy_api is deprecated", DeprecationWarning, stacklevel=2)
    return Tokens([])
