import zlib

def checksum(data: bytes) -> int:
    return zlib.adler32(data)
