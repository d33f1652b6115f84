"""Turn titles into URL slugs."""

import re


def slugify(text):
    """Lower-case ASCII words joined by single hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def deslugify(slug):
    """The inverse, as far as it goes: hyphens back to spaces, words capitalised."""
    return " ".join(word.capitalize() for word in slug.split("-") if word)
