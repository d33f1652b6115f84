import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _codes():
    text = resources.files("phonefmt").joinpath("data/calling_codes.json").read_text("utf-8")
    return json.loads(text)


def calling_code(country: str) -> str:
    try:
        return _codes()[country.upper()]
    except KeyError:
        raise KeyError(f"unknown country {country!r}") from None
