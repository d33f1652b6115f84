from geocode.lookup import coords


def test_paris():
    assert coords("Paris") == (48.85, 2.35)
