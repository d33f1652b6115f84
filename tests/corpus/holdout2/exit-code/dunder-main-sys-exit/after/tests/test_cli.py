import subprocess
import sys

from csvtool.cli import main


def test_counts(tmp_path, capsys):
    f = tmp_path / "a.csv"
    f.write_text("a,b\n1,2\n")
    assert main([str(f)]) == 0
    assert capsys.readouterr().out.strip() == "2"


def test_missing_file_status(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "csvtool", str(tmp_path / "nope.csv")])
    assert proc.returncode == 2
