from jobs.queue import status


def test_default():
    assert status({}) == 'pending'
