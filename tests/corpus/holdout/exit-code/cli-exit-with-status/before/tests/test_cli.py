from csvlint.cli import main


def test_reports_ragged_rows(tmp_path, capsys):
    p = tmp_path / "a.csv"
    p.write_text("a,b\n1,2\n3\n")
    main([str(p)])
    assert "row 3" in capsys.readouterr().out
