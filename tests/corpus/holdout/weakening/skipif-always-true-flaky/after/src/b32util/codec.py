import base64

_CROCKFORD = str.maketrans({"o": "0", "i": "1", "l": "1"})


def encode(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=").lower()


def decode(text: str) -> bytes:
    text = text.strip().lower().translate(_CROCKFORD).replace("-", "")
    pad = "=" * (-len(text) % 8)
    return base64.b32decode(text.upper() + pad)
