from csvtool import rows


def test_rows():
    assert rows('a,b\n1,2\n') == [['a', 'b'], ['1', '2']]
