import re

_WS = re.compile(r"\s+")


def normalise(text):
    return _WS.sub(" ", text).strip().lower()


def compare_outputs(actual, expected):
    """True when the program's output matches the expected output, ignoring whitespace."""
    return normalise(actual) == normalise(expected)
