class _ReadableMeta(type):
    def __instancecheck__(cls, obj):
        return callable(getattr(obj, "read", None))


class Readable(metaclass=_ReadableMeta):
    """Anything with a callable ``read()``."""


def read_all(src):
    if not isinstance(src, Readable):
        raise TypeError(f"expected a readable object, got {type(src).__name__}")
    return src.read()
