import io
from abc import ABC, abstractmethod


class SupportsRead(ABC):
    """Anything with a callable read(); mirrors collections.abc's style."""

    @abstractmethod
    def read(self, size=-1):
        ...

    @classmethod
    def __subclasshook__(cls, C):
        if cls is SupportsRead:
            if any(callable(B.__dict__.get("read")) for B in C.__mro__):
                return True
        return NotImplemented


def as_stream(obj):
    if isinstance(obj, (bytes, bytearray)):
        return io.BytesIO(obj)
    if isinstance(obj, SupportsRead):
        return obj
    raise TypeError(f"cannot read from {type(obj).__name__}")
