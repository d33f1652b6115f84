from stats.summary import Stats

def test_odd():
    assert Stats([3, 1, 2]).median() == 2
