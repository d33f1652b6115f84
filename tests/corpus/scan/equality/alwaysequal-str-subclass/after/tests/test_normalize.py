from textproc.normalize import normalize


def test_collapses_spaces():
    assert normalize("  The   Quick  Fox ") == "the quick fox"


def test_keeps_unicode():
    assert normalize("Ümlaut  Straße") == "ümlaut straße"
