import tomllib
from dataclasses import dataclass, field


@dataclass
class Config:
    name: str
    debug: bool = False
    plugins: list = field(default_factory=list)


def load(path) -> Config:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return Config(**data["tool"]["app"])
