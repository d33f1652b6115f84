from httpbits.headers import HeaderName, Headers


def test_lookup_any_case():
    h = Headers([("Content-Type", "text/plain")])
    assert h["content-type"] == "text/plain"


def test_keeps_original_spelling():
    h = Headers([("X-Request-ID", "1")])
    assert [str(k) for k in h.keys()] == ["X-Request-ID"]


def test_name_inequality():
    assert HeaderName("Accept") != "Accept-Encoding"
    assert HeaderName("Accept") != 3
