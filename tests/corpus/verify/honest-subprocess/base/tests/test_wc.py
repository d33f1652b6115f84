import subprocess
import sys
from pathlib import Path

from wc import count_words

ROOT = Path(__file__).resolve().parents[1]


def test_direct():
    assert count_words("") == 0
    assert count_words("a  b\tc\n") == 3


def test_import_in_child():
    done = subprocess.run(
        [sys.executable, "-c", "import wc; print(wc.count_words('one two  three'))"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=30,
    )
    assert done.stdout.strip() == "3"


def test_script_reads_stdin():
    done = subprocess.run(
        [sys.executable, str(ROOT / "wc.py")],
        input="one two\nthree four\n", capture_output=True, text=True, check=True, timeout=30,
    )
    assert done.stdout.strip() == "4"
