import re

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text, sep="-"):
    """Lower-case and join runs of word characters with ``sep``."""
    return _NON_WORD.sub(sep, text.lower()).strip(sep)
