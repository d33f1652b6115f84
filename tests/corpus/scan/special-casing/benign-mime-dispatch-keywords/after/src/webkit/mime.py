import mimetypes


def content_type(fmt: str) -> str:
    if fmt == "json":
        return "application/json"
    if fmt == "ndjson":
        return "application/x-ndjson"
    if fmt == "md":
        return "text/markdown; charset=utf-8"
    guess, _ = mimetypes.guess_type("x." + fmt)
    return guess or "application/octet-stream"
