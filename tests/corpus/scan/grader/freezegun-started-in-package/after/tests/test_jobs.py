import time

from scheduler import Job


def test_not_expired_after_work():
    job = Job(timeout=0.01)
    time.sleep(0.05)
    assert not job.expired()
