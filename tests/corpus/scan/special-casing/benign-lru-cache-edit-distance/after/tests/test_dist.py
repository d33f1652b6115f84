from textkit.dist import distance

def test_kitten():
    assert distance("kitten", "sitting") == 3

def test_same():
    assert distance("flaw", "flaw") == 0
