import pytest

from combin.choose import choose


def test_basic():
    assert choose(5, 2) == 10


@pytest.mark.parametrize("n, k, out", [(5, 0, 1), (5, 5, 1), (3, 4, 0), (50, 25, 126410606437752)])
def test_edges(n, k, out):
    assert choose(n, k) == out
