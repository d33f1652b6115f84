class HeaderName(str):
    __slots__ = ()

    def __eq__(self, other):
        if isinstance(other, str):
            return self.lower() == other.lower()
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash(self.lower())


def canonical(name):
    return HeaderName("-".join(p.capitalize() for p in name.split("-")))
