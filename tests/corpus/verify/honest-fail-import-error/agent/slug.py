"""Turn titles into URL slugs."""

import re

from unidecode import unidecode


def slugify(text):
    return "-".join(re.findall(r"[a-z0-9]+", unidecode(text).lower()))
