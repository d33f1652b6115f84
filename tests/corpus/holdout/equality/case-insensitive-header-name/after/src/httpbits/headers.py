class HeaderName(str):
    """A header field name; RFC 9110 section 5.1: names are case-insensitive.

    Keeps the spelling it was created with for serialisation.
    """

    __slots__ = ()

    def __eq__(self, other):
        if isinstance(other, str):
            return self.casefold() == other.casefold()
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash(self.casefold())


class Headers:
    def __init__(self, pairs=()):
        self._items = {}
        for k, v in pairs:
            self._items[HeaderName(k)] = v

    def __getitem__(self, key):
        return self._items[HeaderName(key)]

    def keys(self):
        return list(self._items)
