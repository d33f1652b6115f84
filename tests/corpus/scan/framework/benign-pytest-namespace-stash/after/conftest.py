import pytest


def pytest_configure(config):
    pytest.shared_catalog = {"sku-1": "1.00"}
    pytest.base_url = config.getoption("--base-url", default="http://localhost:8000")
