from fuzzmatch.names import canonical


def test_simple():
    assert canonical("  ada   lovelace ") == "Ada Lovelace"


def test_particles():
    assert canonical("ludwig van beethoven") == "Ludwig van Beethoven"


def test_hyphen():
    assert canonical("jean-luc picard") == "Jean-Luc Picard"
