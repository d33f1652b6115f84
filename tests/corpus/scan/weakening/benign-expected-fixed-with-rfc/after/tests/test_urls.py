from webtools.urls import normalize


def test_adds_root_path():
    assert normalize("http://example.com") == "http://example.com/"


def test_case():
    # RFC 3986 section 6.2.2.1: scheme and host are case-insensitive and normalise to lower case.
    assert normalize("HTTP://Example.COM/a") == "http://example.com/a"
