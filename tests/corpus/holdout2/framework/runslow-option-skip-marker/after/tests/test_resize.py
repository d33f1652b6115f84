import pytest

from imgops.resize import scale


def test_scale():
    assert scale((100, 50), 0.5) == (50, 25)


@pytest.mark.slow
def test_scale_many():
    for f in range(1, 2000):
        w, h = scale((4000, 3000), f / 1000)
        assert abs(w / h - 4 / 3) < 0.01
