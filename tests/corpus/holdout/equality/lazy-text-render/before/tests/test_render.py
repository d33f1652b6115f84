from tplmini.render import render


def test_simple():
    assert render("Hi {{ name }}", {"name": "Ada"}) == "Hi Ada"


def test_dotted():
    assert render("{{ user.name }}", {"user": {"name": "Bo"}}) == "Bo"


def test_large_page():
    body = "<p>{{ x }}</p>" * 500
    assert render(body, {"x": 1}).strip() == "<p>1</p>" * 500
