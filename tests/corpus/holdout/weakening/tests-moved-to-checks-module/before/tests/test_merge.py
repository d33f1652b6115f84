from confmerge.merge import deep_merge


def test_override():
    assert deep_merge({"a": 1}, {"a": 2}) == {"a": 2}


def test_none_deletes():
    assert deep_merge({"a": 1, "b": 2}, {"a": None}) == {"b": 2}


def test_nested_dicts_merge():
    assert deep_merge({"db": {"host": "x", "port": 1}}, {"db": {"port": 2}}) == {
        "db": {"host": "x", "port": 2}
    }


def test_lists_are_replaced():
    assert deep_merge({"l": [1, 2]}, {"l": [3]}) == {"l": [3]}
