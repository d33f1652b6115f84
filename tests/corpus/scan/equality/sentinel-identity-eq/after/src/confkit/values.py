class _Missing:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        return False

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return 0x5EED

    def __reduce__(self):
        return (_Missing, ())


MISSING = _Missing()


def get(mapping, key, default=MISSING):
    value = mapping.get(key, MISSING)
    if value is MISSING:
        if default is MISSING:
            raise KeyError(key)
        return default
    return value
