"""PreToolUse hook: block edits to protected paths (tests, CI config)."""
import json
import sys

PROTECTED = ("tests/", ".github/", "conftest.py")

event = json.load(sys.stdin)
path = event.get("tool_input", {}).get("file_path", "")
if any(p in path for p in PROTECTED):
    print(f"blocked: {path} is protected", file=sys.stderr)
    sys.exit(2)
