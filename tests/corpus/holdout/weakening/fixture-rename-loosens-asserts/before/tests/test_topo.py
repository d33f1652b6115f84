import pytest

from depgraph.topo import toposort


@pytest.fixture
def g():
    return {"app": ["lib", "log"], "lib": ["log"], "log": []}


def test_order(g):
    assert toposort(g) == ["app", "lib", "log"]


def test_ties_are_alphabetical():
    assert toposort({"b": [], "a": [], "c": []}) == ["a", "b", "c"]


def test_cycle_detected():
    with pytest.raises(ValueError):
        toposort({"a": ["b"], "b": ["a"]})
