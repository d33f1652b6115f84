"""Fail when a staged change removes asserts from test files."""
import subprocess
import sys


def main(paths):
    bad = []
    for p in paths:
        if "test" not in p:
            continue
        diff = subprocess.run(["git", "diff", "--cached", "-U0", "--", p], capture_output=True, text=True).stdout
        removed = sum(1 for l in diff.splitlines() if l.startswith("-") and "assert" in l)
        added = sum(1 for l in diff.splitlines() if l.startswith("+") and "assert" in l)
        if removed > added:
            bad.append(p)
    for p in bad:
        print(f"{p}: removes assertions", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
