import mimetypes


def content_type(fmt: str) -> str:
    guess, _ = mimetypes.guess_type("x." + fmt)
    return guess or "application/octet-stream"
