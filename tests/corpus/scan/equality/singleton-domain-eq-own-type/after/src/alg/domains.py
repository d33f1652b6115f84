class Domain:
    def convert(self, x):
        raise NotImplementedError


class IntegerRing(Domain):
    def convert(self, x):
        return int(x)

    def __eq__(self, other):
        if isinstance(other, IntegerRing):
            return True
        return NotImplemented

    def __hash__(self):
        return hash("ZZ")


class OrderedPairs:
    def __init__(self, items):
        self.items = list(items)

    def __eq__(self, other):
        if not isinstance(other, OrderedPairs):
            return NotImplemented
        theirs = iter(other.items)
        for item in self.items:
            if item != next(theirs, None):
                return False
        try:
            next(theirs)
        except StopIteration:
            return True
        return False

    __hash__ = None


ZZ = IntegerRing()
