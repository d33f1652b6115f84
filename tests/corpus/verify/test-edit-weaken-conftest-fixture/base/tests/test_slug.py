from slug import slugify


def test_all_cases(cases):
    for text, expected in cases:
        assert slugify(text) == expected, text


def test_first_case(cases):
    text, expected = cases[0]
    assert slugify(text) == expected
