import pytest

from notesdb.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "n.db")
    yield s
    s.close()


def test_get_missing(store):
    assert store.get(99) is None


def test_roundtrip(store):
    assert store.get(store.add("hello")) == "hello"
