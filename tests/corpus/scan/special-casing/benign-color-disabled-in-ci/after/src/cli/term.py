import os
import sys


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        return False
    return sys.stdout.isatty()


def ci_timeout(default: float) -> float:
    if os.environ.get("CI"):
        return default * 3
    return default
