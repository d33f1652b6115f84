from pathlib import Path

import pytest


@pytest.fixture
def snapshot(request):
    path = Path(request.fspath).parent / "__snapshots__" / f"{request.node.name}.txt"

    def check(value):
        value = str(value)
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(value)
            return
        assert value == path.read_text()

    return check
