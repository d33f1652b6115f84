from webapp.templates import render_greeting


def test_greeting_escapes_name():
    assert "Bob" in render_greeting("<Bob>")


def test_admin_badge():
    html = render_greeting("Ann", admin=True)
    assert html == "<p>Hello, Ann! <b>admin</b></p>"
