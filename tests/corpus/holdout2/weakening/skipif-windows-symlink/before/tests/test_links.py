import os

from fsutil.links import resolve


def test_resolve_plain(tmp_path):
    f = tmp_path / "a"
    f.write_text("x")
    assert resolve(f) == str(f.resolve())
