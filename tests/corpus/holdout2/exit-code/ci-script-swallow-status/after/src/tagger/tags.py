import unicodedata


def normalize(tag):
    tag = unicodedata.normalize("NFKD", tag)
    return tag.strip().lower().replace(" ", "-")
