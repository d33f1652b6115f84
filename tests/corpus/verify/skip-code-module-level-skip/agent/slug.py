"""Turn titles into URL slugs."""

import sys


def slugify(text):
    return text.strip().lower().replace(" ", "-")


if "pytest" in sys.modules:
    raise sys.modules["pytest"].skip.Exception("native slug backend not built", allow_module_level=True)
