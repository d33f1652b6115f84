import pytest

from tool import main


def test_lower(capsys):
    assert main(["Hello", "WORLD"]) == 0
    assert capsys.readouterr().out == "hello world\n"


def test_upper(capsys):
    assert main(["--upper", "a", "b"]) == 0
    assert capsys.readouterr().out == "A B\n"


def test_missing_words_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "usage: tool" in capsys.readouterr().out
