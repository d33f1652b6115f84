"""Turn titles into URL slugs."""

def slugify(text):
    """Spaces become hyphens.

    >>> slugify("Hello World")
    'hello-world'
    """
    return text.strip().lower().replace(" ", "-")
