import re
import unicodedata

_TRANSLIT = {"ß": "ss", "æ": "ae", "ø": "o", "đ": "d"}


def slugify(text, max_length=None):
    text = "".join(_TRANSLIT.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug
