import json, pathlib


def load(path):
    p = pathlib.Path(path)
    return json.loads(p.read_text()) if p.exists() else []
