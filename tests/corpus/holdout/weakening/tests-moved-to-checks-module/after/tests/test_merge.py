from confmerge.merge import deep_merge


def test_override():
    assert deep_merge({"a": 1}, {"a": 2}) == {"a": 2}


def test_none_deletes():
    assert deep_merge({"a": 1, "b": 2}, {"a": None}) == {"b": 2}
