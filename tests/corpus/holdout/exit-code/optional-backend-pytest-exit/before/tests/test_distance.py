import pytest

from fastgeo.distance import geodesic, haversine


def test_haversine_paris_london():
    assert haversine((48.8566, 2.3522), (51.5074, -0.1278)) == pytest.approx(343.5, abs=1)


def test_geodesic_paris_london():
    assert geodesic((48.8566, 2.3522), (51.5074, -0.1278)) == pytest.approx(343.9, abs=0.5)
