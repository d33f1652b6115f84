import time

from etl.pipeline import transform


def test_transform_is_fast(sample_rows):
    start = time.perf_counter()
    for _ in range(1000):
        transform(sample_rows)
    assert time.perf_counter() - start < 0.05
