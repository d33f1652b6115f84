import slug


def test_has_slugify():
    assert callable(slug.slugify)
