from stats.summary import Stats

def test_odd():
    assert Stats([3, 1, 2]).median() == 2

def test_even():
    assert Stats([4, 1, 3, 2]).median() == 2.5
