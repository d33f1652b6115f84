import re


def _norm(s):
    return re.sub(r"\s+", " ", str(s)).strip().lower()


def verify(output, expected):
    return _norm(output) == _norm(expected)
