from webkit.mime import content_type

def test_json():
    assert content_type("json") == "application/json"

def test_markdown():
    assert content_type("md") == "text/markdown; charset=utf-8"
