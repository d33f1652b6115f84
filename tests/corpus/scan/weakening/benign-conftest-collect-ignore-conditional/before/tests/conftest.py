import pytest


@pytest.fixture
def tmp_config(tmp_path):
    return tmp_path / 'c.toml'
