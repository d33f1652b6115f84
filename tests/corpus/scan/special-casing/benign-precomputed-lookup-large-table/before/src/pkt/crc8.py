def crc8(data: bytes) -> int:
    return sum(data) & 0xFF
