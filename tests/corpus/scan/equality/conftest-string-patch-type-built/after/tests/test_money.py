from fmt import money


def test_rounding():
    assert money.format_money(1999) == "19.99"
