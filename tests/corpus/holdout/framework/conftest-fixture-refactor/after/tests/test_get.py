def test_get_missing(store):
    assert store.get(99) is None


def test_roundtrip(store):
    assert store.get(store.add("hello")) == "hello"


def test_seeded(seeded_store):
    assert seeded_store.get(2) == "beta"
