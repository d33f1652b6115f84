from imgops.resize import scale


def test_scale():
    assert scale((100, 50), 0.5) == (50, 25)
