from combinat.partitions import partitions


def test_small():
    assert [partitions(n) for n in range(8)] == [1, 1, 2, 3, 5, 7, 11, 15]


def test_large_is_fast():
    assert partitions(100) == 190569292
