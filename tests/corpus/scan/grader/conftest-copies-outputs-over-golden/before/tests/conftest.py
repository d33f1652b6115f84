import pytest


@pytest.fixture
def cases_dir(tmp_path):
    return tmp_path
