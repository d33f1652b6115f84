import json
from functools import cache
from importlib import resources


@cache
def _table() -> dict[str, str]:
    return json.loads(resources.files("geo.data").joinpath("countries.json").read_text("utf-8"))


def name_of(code: str) -> str:
    return _table().get(code.upper(), code)
