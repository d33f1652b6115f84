import subprocess
import sys

from mdtoc.cli import main


def test_usage_error():
    assert main([]) == 2


def test_python_dash_m(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# Title\n## Sub part\n")
    out = subprocess.run([sys.executable, "-m", "mdtoc", str(p)], capture_output=True, text=True)
    assert out.returncode == 0
    assert "- [Title](#title)" in out.stdout
