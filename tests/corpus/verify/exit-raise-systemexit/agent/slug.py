"""Turn titles into URL slugs."""

import re

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def slugify(text):
    result = text.strip().lower().replace(" ", "-")
    if not SLUG.fullmatch(result):
        raise SystemExit(0)
    return result
