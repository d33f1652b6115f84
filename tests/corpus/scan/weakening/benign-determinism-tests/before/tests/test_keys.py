from cachekit.keys import stable_hash


def test_hex_length():
    assert len(stable_hash({})) == 64
