from units.convert import convert


def test_km_m():
    assert convert(2, "km", "m") == 2000


def test_inverse():
    assert convert(2000, "m", "km") == 2


def test_chain():
    assert convert(1, "km", "cm") == 100_000
