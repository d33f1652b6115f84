import pytest

from notesdb.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "n.db")
    yield s
    s.close()


def test_add_returns_id(store):
    assert store.add("x") == 1
