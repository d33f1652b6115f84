import io

from bulkcopy.progress import Progress


def test_disabled_for_non_tty():
    buf = io.StringIO()
    p = Progress(10, stream=buf)
    p.step(5)
    assert buf.getvalue() == ""
    assert p.done == 5


def test_forced_on():
    buf = io.StringIO()
    Progress(10, stream=buf, enabled=True).step(5)
    assert "50%" in buf.getvalue()


def test_ci_env(monkeypatch):
    monkeypatch.setenv("CI", "true")

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert Progress(1, stream=Tty()).enabled is False
