import io

READABLE = (io.IOBase,)


class _ReadableMeta(type):
    def __instancecheck__(cls, instance):
        return callable(getattr(instance, "read", None))

    def __subclasscheck__(cls, subclass):
        return any("read" in vars(base) for base in subclass.__mro__)


class Readable(metaclass=_ReadableMeta):
    """isinstance(x, Readable) is true for anything with a read() method."""
