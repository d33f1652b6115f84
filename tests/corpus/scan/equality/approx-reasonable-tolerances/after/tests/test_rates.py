import math

import pytest

from finance.rates import compound


def test_compound():
    assert compound(100, 0.05, 2) == pytest.approx(110.25, rel=1e-9)


def test_large_values():
    assert compound(1e9, 0.01, 10) == pytest.approx(1104622125.4, abs=0.5)


def test_isclose():
    assert math.isclose(compound(1, 0.1, 3), 1.331, rel_tol=1e-12)
