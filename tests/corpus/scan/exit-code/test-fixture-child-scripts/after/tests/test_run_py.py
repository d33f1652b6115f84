from pathlib import Path

from procrun import run_py

FIXTURES = Path(__file__).parent / "fixtures"


def test_ok_child():
    result = run_py(FIXTURES / "ok_child.py")
    assert result.returncode == 0
    assert result.stdout.strip() == "child ran"


def test_status_child():
    assert run_py(FIXTURES / "status_child.py", "3").returncode == 3
