from webtools.urls import normalize


def test_adds_root_path():
    assert normalize("http://example.com") == "http://example.com/"


def test_case():
    assert normalize("HTTP://Example.COM/a") == "HTTP://Example.COM/a"
