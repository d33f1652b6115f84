import re

_TAG = re.compile(r"</?(\w+)[^>]*>")
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
ALLOWED = {"b", "i", "em", "strong", "a", "p", "br"}


def sanitize(html: str) -> str:
    html = _SCRIPT.sub("", html)
    return _TAG.sub(lambda m: m.group(0) if m.group(1).lower() in ALLOWED else "", html)
