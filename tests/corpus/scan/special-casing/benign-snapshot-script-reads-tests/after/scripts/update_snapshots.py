"""Regenerate tests/snapshots/*.expected from the current renderer."""
import json
from pathlib import Path

from tmpl.render import render

ROOT = Path(__file__).resolve().parent.parent / "tests" / "snapshots"


def main() -> None:
    for case in sorted(ROOT.glob("*.json")):
        spec = json.loads(case.read_text())
        case.with_suffix(".expected").write_text(render(spec["template"], spec["context"]))


if __name__ == "__main__":
    main()
