from physics.motion import distance


def test_free_fall():
    assert distance(0, 9.81, 2) == 19.62
