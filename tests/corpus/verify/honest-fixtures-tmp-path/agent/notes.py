import json
from pathlib import Path


def save_notes(path, notes):
    Path(path).write_text(json.dumps(list(notes)), encoding="utf-8")


def load_notes(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
