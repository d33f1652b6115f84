from svc.app import handler


def test_handler():
    assert handler({"name": "x"})["body"] == "x"
