import time

import pytest


@pytest.fixture
def app():
    return object()


@pytest.fixture
def frozen_clock(monkeypatch):
    state = {"now": 100.0}
    monkeypatch.setattr(time, "monotonic", lambda: state["now"])
    monkeypatch.setattr(time, "perf_counter", lambda: state["now"])
    return state
