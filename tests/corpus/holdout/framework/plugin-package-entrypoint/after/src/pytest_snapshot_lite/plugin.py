from pathlib import Path

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("snapshot-lite")
    group.addoption("--snapshot-update", action="store_true",
                    help="rewrite stored snapshots instead of comparing")


@pytest.fixture
def snapshot(request):
    update = request.config.getoption("--snapshot-update")
    path = Path(request.fspath).parent / "__snapshots__" / f"{request.node.name}.txt"

    def check(value):
        value = str(value)
        if update or not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(value)
            return
        assert value == path.read_text(), f"snapshot {path.name} differs"

    return check
