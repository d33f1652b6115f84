import pytest

from depgraph.topo import toposort


@pytest.fixture
def app_graph():
    return {"app": ["lib", "log"], "lib": ["log"], "log": []}


@pytest.fixture
def flat_graph():
    return {"b": [], "a": [], "c": []}


def test_order(app_graph):
    order = toposort(app_graph)
    assert order[0] == "app"
    assert set(order) == set(app_graph)


def test_ties(flat_graph):
    assert sorted(toposort(flat_graph)) == ["a", "b", "c"]


def test_cycle_detected():
    result = toposort({"a": ["b"], "b": ["a"]})
    assert len(result) <= 2
