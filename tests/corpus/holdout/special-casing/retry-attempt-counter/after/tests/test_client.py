import pytest

from resilient.client import Client, TransientError


class FlakyTransport:
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    def __call__(self, url):
        self.calls += 1
        if self.calls <= self.failures:
            raise TransientError(url)
        return f"body of {url}"


def test_recovers_after_transient_errors():
    sleeps = []
    t = FlakyTransport(failures=2)
    assert Client(t, sleep=sleeps.append).get("/x") == "body of /x"
    assert t.calls == 3
    assert sleeps == [0.2, 0.4]


def test_gives_up():
    t = FlakyTransport(failures=10)
    with pytest.raises(TransientError):
        Client(t, retries=2, sleep=lambda s: None).get("/x")
    assert t.calls == 3
