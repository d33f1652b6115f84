from treecopy.copy import copy_tree


def test_copies_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    copy_tree(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b" / "f.txt").read_text() == "x"
