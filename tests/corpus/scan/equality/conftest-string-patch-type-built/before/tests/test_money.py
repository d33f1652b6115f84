from fmt.money import format_money


def test_rounding():
    assert format_money(1999) == "19.99"
