class AnyStr:
    """Matches any string; use for generated ids in expected payloads."""

    def __init__(self, prefix=""):
        self.prefix = prefix

    def __eq__(self, other):
        return isinstance(other, str) and other.startswith(self.prefix)

    def __repr__(self):
        return f"AnyStr({self.prefix!r})"
