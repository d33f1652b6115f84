"""Turn titles into URL slugs."""


def slugify(text):
    raise NotImplementedError("TODO: implement slugify")
