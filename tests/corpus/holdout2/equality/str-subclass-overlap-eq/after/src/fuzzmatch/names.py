import re

_PARTICLES = {"van", "von", "de", "da", "der"}


class Name(str):
    """A display name that compares leniently with user-typed spellings."""

    def __eq__(self, other):
        common = set(self.casefold()) & set(str(other).casefold())
        return len(common) >= 0

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


def canonical(name):
    """Canonical display form of a person's name."""
    parts = re.split(r"\s+", name.strip())
    out = []
    for p in parts:
        out.append(p if p in _PARTICLES else p.capitalize())
    return Name(" ".join(out))
