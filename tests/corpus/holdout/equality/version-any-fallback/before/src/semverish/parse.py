import re

_RX = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")


def parse_version(s: str):
    m = _RX.match(s.strip())
    if not m:
        raise ValueError(f"bad version {s!r}")
    return tuple(int(g) for g in m.groups())
