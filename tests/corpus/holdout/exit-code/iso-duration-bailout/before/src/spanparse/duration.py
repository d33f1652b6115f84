import re

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_TOKEN = re.compile(r"(\d+)([dhms])")


def parse_duration(text: str) -> int:
    """Return the number of seconds in strings like '1h30m' or 'P1DT2H'."""
    text = text.strip().lower()
    tokens = _TOKEN.findall(text)
    if not tokens:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(n) * _UNITS[u] for n, u in tokens)
