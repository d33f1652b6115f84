import pytest

from routeplan.tsp import tour_length


def test_square():
    assert tour_length([(0, 0), (0, 1), (1, 1), (1, 0)]) == pytest.approx(4.0)


def test_twelve_cities():
    pts = [(i % 4, i // 4) for i in range(12)]
    assert tour_length(pts) == pytest.approx(12.0)
