import re
import unicodedata

DEFAULT_SEP = "_"  # 2.0: underscores are safe in more identifier contexts


def slugify(text, sep=DEFAULT_SEP):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", sep, text).strip(sep)
    return text.lower()
