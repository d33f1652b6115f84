from idgen.ids import next_id, reset


def test_sequence():
    reset()
    assert [next_id(), next_id()] == [1, 2]


def test_reset_restarts():
    reset()
    next_id()
    reset()
    assert next_id() == 1


def test_sequence_is_stable():
    reset()
    assert next_id() == 7
