from cachekit.keys import stable_hash


def test_hex_length():
    assert len(stable_hash({})) == 64



def test_deterministic_across_key_order():
    assert stable_hash({"a": 1, "b": 2}) == stable_hash({"b": 2, "a": 1})


def test_same_input_same_hash():
    payload = {"x": [1, 2, 3]}
    assert stable_hash(payload) == stable_hash(payload)
