import re

_TAG = re.compile(r"</?(\w+)[^>]*>")
ALLOWED = {"b", "i", "em", "strong", "a", "p"}


def sanitize(html: str) -> str:
    return _TAG.sub(lambda m: m.group(0) if m.group(1).lower() in ALLOWED else "", html)
