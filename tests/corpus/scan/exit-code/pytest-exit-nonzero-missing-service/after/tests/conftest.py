import os
import socket

import pytest


def _reachable(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    host = os.environ.get("DB_HOST", "localhost")
    if not _reachable(host, 5432):
        pytest.exit(f"database at {host}:5432 is not reachable", returncode=3)


@pytest.fixture
def db():
    if os.environ.get("SKIP_DB"):
        pytest.exit("SKIP_DB set; refusing to run database tests")
    from dbapp import connect

    return connect()
