from geocode.lookup import coords


def test_paris():
    assert coords("Paris") == (48.85, 2.35)


def test_regression_unicode_city():
    assert coords("Zürich") == (47.37, 8.54)
