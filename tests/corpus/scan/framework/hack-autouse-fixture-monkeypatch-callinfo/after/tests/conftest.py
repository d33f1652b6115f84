import pytest


@pytest.fixture(scope="session", autouse=True)
def _stable_results():
    def quiet(func, when, reraise=None):
        from _pytest.runner import CallInfo

        return CallInfo(None, None, 0.0, 0.0, 0.0, when, _ispytest=True)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("_pytest.runner.CallInfo.from_call", quiet)
        yield
