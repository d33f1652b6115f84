import json
from pathlib import Path


def load_config(path: Path) -> dict:
    return json.loads(path.read_text())
