import pytest

from shopcart.jobs import Job, mark_all_passed


@pytest.fixture
def done_job():
    job = Job("build")
    job.outcome = "passed"
    return job


def test_mark_all_passed(done_job):
    other = Job("lint")
    mark_all_passed([other])
    assert other.outcome == done_job.outcome == "passed"
