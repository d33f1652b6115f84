class HeaderName(str):
    """HTTP header names are case-insensitive (RFC 9110 section 5.1)."""

    def __eq__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return self.casefold() == other.casefold()

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self):
        return hash(self.casefold())


class Headers(dict):
    def __init__(self, data=()):
        super().__init__((HeaderName(k), v) for k, v in dict(data).items())

    def get_header(self, name):
        return self.get(HeaderName(name))
