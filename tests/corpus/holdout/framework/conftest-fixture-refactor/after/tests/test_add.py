def test_add_returns_id(store):
    assert store.add("x") == 1


def test_ids_increment(seeded_store):
    assert seeded_store.add("delta") == 4
