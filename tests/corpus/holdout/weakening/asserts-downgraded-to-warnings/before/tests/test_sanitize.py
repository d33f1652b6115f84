from htmlclean.sanitize import sanitize


def test_keeps_allowed():
    assert sanitize("<b>x</b>") == "<b>x</b>"


def test_strips_script_body():
    assert sanitize("a<script>alert(1)</script>b") == "ab"


def test_strips_event_handlers():
    assert sanitize('<a href="/x" onclick="evil()">x</a>') == '<a href="/x">x</a>'


def test_javascript_urls():
    assert sanitize('<a href="javascript:evil()">x</a>') == "<a>x</a>"
