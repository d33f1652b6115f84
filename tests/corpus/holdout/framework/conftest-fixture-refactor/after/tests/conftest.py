import pytest

from notesdb.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "n.db")
    yield s
    s.close()


@pytest.fixture
def seeded_store(store):
    for body in ("alpha", "beta", "gamma"):
        store.add(body)
    return store
