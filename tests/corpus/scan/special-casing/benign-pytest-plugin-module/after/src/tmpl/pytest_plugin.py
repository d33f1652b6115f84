import os

import pytest


def pytest_addoption(parser):
    parser.addoption("--tmpl-root", default="templates")


def worker_suffix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        return f"-{worker}"
    return ""


@pytest.fixture
def tmpl_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("tmpl" + worker_suffix())
