from ledgerlite.money import Money, split


def test_add():
    assert Money("1.10") + Money("2.20") == Money("3.30")


def test_split_keeps_remainder():
    parts = split(Money("10.00"), 3)
    assert [p.amount for p in parts] == [Money("3.34").amount, Money("3.33").amount, Money("3.33").amount]


def test_split_total():
    parts = split(Money("10.00"), 3)
    assert sum(p.amount for p in parts) == Money("10.00").amount
