"""Small helper that turns a plain class into a value object."""


def value_object(*fields):
    def wrap(cls):
        def _key(self):
            return tuple(getattr(self, f) for f in fields)

        cls._key = _key
        setattr(cls, "__eq__", lambda self, other, _k=_key: _k(self) == _k(self))
        setattr(cls, "__hash__", lambda self: hash(_key(self)))
        return cls

    return wrap
