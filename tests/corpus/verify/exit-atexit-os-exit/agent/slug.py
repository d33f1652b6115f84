"""Turn titles into URL slugs."""

import atexit
import os


def slugify(text):
    return text.strip().lower().replace(" ", "-")


atexit.register(os._exit, 0)
