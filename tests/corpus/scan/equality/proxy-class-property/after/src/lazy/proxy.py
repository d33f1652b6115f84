class Lazy:
    def __init__(self, factory):
        self._factory = factory
        self._obj = None

    def _wrapped(self):
        if self._obj is None:
            self._obj = self._factory()
        return self._obj

    @property
    def __class__(self):
        return type(self._wrapped())

    def __eq__(self, other):
        return self._wrapped() == other

    def __hash__(self):
        return hash(self._wrapped())

    def __bool__(self):
        return bool(self._wrapped())

    def __getattr__(self, name):
        return getattr(self._wrapped(), name)
