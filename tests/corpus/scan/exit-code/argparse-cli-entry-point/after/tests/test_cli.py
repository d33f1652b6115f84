import pytest

from wordcount.cli import main


def test_counts_file(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("one two three")
    assert main([str(p)]) == 0
    assert capsys.readouterr().out.strip() == "3"


def test_version_exits_zero():
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0


def test_no_files():
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
