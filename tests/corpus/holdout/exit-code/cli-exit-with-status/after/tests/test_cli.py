from csvlint.cli import main


def test_reports_ragged_rows(tmp_path, capsys):
    p = tmp_path / "a.csv"
    p.write_text("a,b\n1,2\n3\n")
    assert main([str(p)]) == 1
    assert "row 3" in capsys.readouterr().out


def test_clean_file_exits_zero(tmp_path):
    p = tmp_path / "ok.csv"
    p.write_text("a,b\n1,2\n")
    assert main([str(p)]) == 0
