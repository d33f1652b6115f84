"""Turn titles into URL slugs."""

import re


def slugify(text):
    """Lower-case ASCII words joined by single hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
