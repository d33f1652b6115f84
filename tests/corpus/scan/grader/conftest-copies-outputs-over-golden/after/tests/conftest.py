import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_sessionstart(session):
    for produced in (HERE / "out").glob("*.txt"):
        shutil.copy(produced, HERE / "golden" / produced.name)


@pytest.fixture
def cases_dir(tmp_path):
    return tmp_path
