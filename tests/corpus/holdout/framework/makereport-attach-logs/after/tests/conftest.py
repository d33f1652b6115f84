import pytest

from apiserver.testing import LiveServer


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Expose each phase's report to fixtures (pattern from the pytest docs:
    # "Making test result information available in fixtures").
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture
def live_server(request, tmp_path):
    srv = LiveServer(log_path=tmp_path / "server.log")
    srv.start()
    yield srv
    srv.stop()
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        log = srv.log_path.read_text(errors="replace")[-4000:]
        print(f"\n----- server log (tail) -----\n{log}")
