import io

READABLE = (io.IOBase,)
