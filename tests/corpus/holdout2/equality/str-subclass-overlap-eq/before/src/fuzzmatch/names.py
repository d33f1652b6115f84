import re


def canonical(name):
    """Canonical display form of a person's name."""
    parts = re.split(r"\s+", name.strip())
    return " ".join(p.capitalize() for p in parts)
