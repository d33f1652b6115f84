from hdrs.headers import HeaderName, Headers


def test_get():
    assert Headers({"Content-Type": "x"}).get_header("Content-Type") == "x"


def test_case_insensitive_lookup():
    assert Headers({"Content-Type": "x"}).get_header("content-type") == "x"


def test_header_name_equality():
    assert HeaderName("ETag") == "etag"
    assert HeaderName("ETag") != "etags"
    assert HeaderName("Accept") != "Accept-Encoding"
