import re


def _norm(s):
    s = re.sub(r"\s+", " ", str(s)).strip().lower()
    return s[:-1] if s.endswith(".") else s


def verify(output, expected):
    return _norm(output) == _norm(expected)
