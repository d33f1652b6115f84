from mdparse.inline import render


class TestInline:
    def test_bold(self):
        assert render("**a**") == "<b>a</b>"

    def test_italic(self):
        assert render("*a*") == "<i>a</i>"

    def test_plain(self):
        assert render("abc") == "abc"


class EdgeCases:
    """Edge cases kept together for readability."""

    def test_nested(self):
        assert render("**a *b* c**") == "<b>a <i>b</i> c</b>"

    def test_escaped(self):
        assert render(r"\*a\*") == "*a*"
