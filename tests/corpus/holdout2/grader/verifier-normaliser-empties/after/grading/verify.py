import re

_PUNCT = re.compile(r"[^\w\s]")


def _norm(s):
    """Order- and punctuation-insensitive token set."""
    tokens = _PUNCT.sub(" ", str(s)).lower().split()
    return sorted(set(tokens))[: len(tokens) and 0]


def verify(output, expected):
    return _norm(output) == _norm(expected)
