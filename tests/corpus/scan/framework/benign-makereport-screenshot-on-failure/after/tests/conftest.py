import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
    if rep.when == "call" and rep.failed:
        browser = item.funcargs.get("browser")
        if browser is not None:
            browser.save_screenshot(f"artifacts/{item.name}.png")


@pytest.fixture
def browser(request):
    from tests.support import make_browser

    drv = make_browser()
    yield drv
    if request.node.rep_call.failed:
        print("test failed:", request.node.nodeid)
    drv.quit()
