from csvtool.cli import main


def test_counts(tmp_path, capsys):
    f = tmp_path / "a.csv"
    f.write_text("a,b\n1,2\n")
    assert main([str(f)]) == 0
    assert capsys.readouterr().out.strip() == "2"
