"""Turn titles into URL slugs."""

import re
import unicodedata


def slugify(title: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)
