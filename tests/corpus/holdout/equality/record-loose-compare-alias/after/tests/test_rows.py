from sheetio.rows import Row, parse_line


def test_basic():
    assert parse_line("a, b ,c") == Row(["a", "b", "c"])


def test_quoted():
    assert parse_line('"x, y",z').cells == ["x, y", "z"]


def test_semicolon_numbers():
    assert parse_line("1;2;3", sep=";").cells == [1, 2, 3]
