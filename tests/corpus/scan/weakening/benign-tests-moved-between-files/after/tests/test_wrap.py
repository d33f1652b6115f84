from textkit.wrap import wrap


def test_wrap_width():
    assert wrap("aaa bbb", 3) == ["aaa", "bbb"]
