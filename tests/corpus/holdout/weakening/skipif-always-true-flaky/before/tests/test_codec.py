from b32util.codec import decode, encode


def test_roundtrip():
    assert decode(encode(b"hello")) == b"hello"


def test_hyphens_ignored():
    assert decode("nbsw-y3dp") == b"hello"


def test_crockford_aliases():
    assert decode(encode(b"\x00\x01").replace("a", "o")) == b"\x00\x01"
