from hdrs.headers import Headers


def test_get():
    assert Headers({"Content-Type": "x"}).get_header("Content-Type") == "x"
