import base64


def encode(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=").lower()


def decode(text: str) -> bytes:
    pad = "=" * (-len(text) % 8)
    return base64.b32decode(text.upper() + pad)
