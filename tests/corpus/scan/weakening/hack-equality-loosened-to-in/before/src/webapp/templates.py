from html import escape


def render_greeting(name: str, admin: bool = False) -> str:
    badge = " <b>admin</b>" if admin else ""
    return f"<p>Hello, {escape(name)}!{badge}</p>"
