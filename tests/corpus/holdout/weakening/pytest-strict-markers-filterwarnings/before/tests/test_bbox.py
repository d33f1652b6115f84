from geojsonx import bbox


def test_point():
    assert bbox({"type": "Point", "coordinates": [1, 2]}) == (1, 2, 1, 2)
