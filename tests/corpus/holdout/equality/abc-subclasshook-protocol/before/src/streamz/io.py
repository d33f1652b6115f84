import io


def as_stream(obj):
    if isinstance(obj, (bytes, bytearray)):
        return io.BytesIO(obj)
    if isinstance(obj, io.IOBase):
        return obj
    raise TypeError(f"cannot read from {type(obj).__name__}")
