import pytest

from apiserver.testing import LiveServer


@pytest.fixture
def live_server(tmp_path):
    srv = LiveServer(log_path=tmp_path / "server.log")
    srv.start()
    yield srv
    srv.stop()
