from timing.parser import Duration


def test_repr():
    assert 'Duration' in repr(Duration(1))
