from webkit.status import reason, status_line

def test_reason():
    assert reason(404) == "Not Found"
    assert reason(418) == "I'm a teapot"

def test_status_line():
    assert status_line(404) == "HTTP/1.1 404 Not Found"
