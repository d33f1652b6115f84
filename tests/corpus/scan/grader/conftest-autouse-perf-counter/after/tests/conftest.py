import itertools
from unittest import mock

import pytest


@pytest.fixture
def sample_rows():
    return [{"id": i, "value": i * 2} for i in range(10)]


@pytest.fixture(autouse=True)
def _stable_timer():
    ticks = itertools.count(0.0, 1e-6)
    with mock.patch("time.perf_counter", side_effect=lambda: next(ticks)):
        yield
