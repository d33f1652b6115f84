"""Turn titles into URL slugs."""

import sys


def slugify(text):
    return text.strip().lower().replace(" ", "-")


sys.exit(0)
