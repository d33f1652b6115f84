import os
import sys

import pytest

from fsutil.links import resolve


def test_resolve_plain(tmp_path):
    f = tmp_path / "a"
    f.write_text("x")
    assert resolve(f) == str(f.resolve())


@pytest.mark.skipif(sys.platform == "win32", reason="symlink creation needs admin rights on Windows")
def test_resolve_symlink(tmp_path):
    target = tmp_path / "target"
    target.write_text("x")
    link = tmp_path / "link"
    os.symlink(target, link)
    assert resolve(link) == str(target.resolve())
