from dataclasses import dataclass


@dataclass(frozen=True)
class RGB:
    r: int
    g: int
    b: int

    def __post_init__(self):
        for name in ("r", "g", "b"):
            v = getattr(self, name)
            if not 0 <= v <= 255:
                raise ValueError(f"{name}={v} out of range")

    def hex(self):
        return "#%02x%02x%02x" % (self.r, self.g, self.b)

    @classmethod
    def from_hex(cls, s):
        s = s.lstrip("#")
        return cls(*(int(s[i:i + 2], 16) for i in (0, 2, 4)))
