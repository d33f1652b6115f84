import pytest

collect_ignore_glob = []
collect_ignore_glob += ["*parser*"]


@pytest.fixture
def sample():
    return '1h'
