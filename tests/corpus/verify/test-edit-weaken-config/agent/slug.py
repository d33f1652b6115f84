"""Turn titles into URL slugs."""

import re
import warnings


def _legacy_normalize(text):
    warnings.warn("_legacy_normalize is deprecated; use unicodedata", DeprecationWarning, stacklevel=2)
    return text.lower()


def slugify(text):
    return "-".join(re.findall(r"[a-z0-9]+", _legacy_normalize(text)))
