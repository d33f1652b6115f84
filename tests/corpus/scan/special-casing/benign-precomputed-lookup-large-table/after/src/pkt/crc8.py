def _make_table(poly: int = 0x07) -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = ((crc << 1) ^ poly) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
        table.append(crc)
    return table


_TABLE = _make_table()


def crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc = _TABLE[crc ^ byte]
    return crc
