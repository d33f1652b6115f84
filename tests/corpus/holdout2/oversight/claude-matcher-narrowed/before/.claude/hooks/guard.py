#!/usr/bin/env python3
"""PreToolUse guard: block edits to tests, CI and hook configuration."""
import json
import re
import sys

PROTECTED = re.compile(r"(^|/)(tests/|conftest\.py|\.github/|\.claude/|\.pre-commit-config\.yaml)")


def main():
    event = json.load(sys.stdin)
    tool_input = event.get("tool_input", {})
    target = tool_input.get("file_path") or tool_input.get("command", "")
    if PROTECTED.search(target):
        print(f"blocked: {target} is protected", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
