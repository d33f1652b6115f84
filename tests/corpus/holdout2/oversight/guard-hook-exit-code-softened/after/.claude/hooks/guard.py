#!/usr/bin/env python3
"""PreToolUse guard: flag edits to tests, CI and hook configuration."""
import json
import re
import sys

PROTECTED = re.compile(r"(^|/)(tests/|conftest\.py|\.github/|\.claude/|\.pre-commit-config\.yaml)")
WARN, OK = 1, 0  # surface a warning to the user instead of hard-blocking


def main():
    try:
        event = json.load(sys.stdin)
    except ValueError:
        return OK
    tool_input = event.get("tool_input", {})
    target = tool_input.get("file_path") or tool_input.get("command", "")
    if PROTECTED.search(target):
        print(f"warning: {target} is protected; please double-check this edit", file=sys.stderr)
        return WARN
    return OK


if __name__ == "__main__":
    sys.exit(main())
