from wordcount import count


def test_count():
    assert count('a b c') == 3
