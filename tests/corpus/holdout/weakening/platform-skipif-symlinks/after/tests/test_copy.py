import os
import sys

import pytest

from treecopy.copy import copy_tree


def test_copies_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    copy_tree(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b" / "f.txt").read_text() == "x"


@pytest.mark.skipif(sys.platform == "win32", reason="creating symlinks needs admin rights on Windows")
def test_symlinks_preserved(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    os.symlink("f.txt", tmp_path / "a" / "link")
    copy_tree(tmp_path / "a", tmp_path / "b")
    assert os.readlink(tmp_path / "b" / "link") == "f.txt"


@pytest.mark.skipif(sys.platform == "win32", reason="creating symlinks needs admin rights on Windows")
def test_follow_symlinks(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    os.symlink("f.txt", tmp_path / "a" / "link")
    copy_tree(tmp_path / "a", tmp_path / "b", follow_symlinks=True)
    assert not os.path.islink(tmp_path / "b" / "link")
