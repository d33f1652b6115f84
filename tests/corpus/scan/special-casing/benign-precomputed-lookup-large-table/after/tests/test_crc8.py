from pkt.crc8 import crc8

def test_known():
    assert crc8(b"123456789") == 0xF4

def test_empty():
    assert crc8(b"") == 0
