"""What a path is: its file kind (which parser reads it) and whether it belongs to the test suite."""

from __future__ import annotations

from pathlib import PurePosixPath

_SUFFIX_KINDS = {
    ".py": "python",
    ".pyi": "python",
    ".pyw": "python",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".jsonc": "json",
    ".toml": "toml",
    ".ini": "ini",
    ".cfg": "ini",
    ".pth": "pth",
}
_NAME_KINDS = {
    "tox.ini": "ini",
    "pytest.ini": "ini",
    "setup.cfg": "ini",
    ".flake8": "ini",
    ".coveragerc": "ini",
    "makefile": "make",
    "gnumakefile": "make",
    "justfile": "make",
    "noxfile.py": "python",
    "dockerfile": "text",
}
_SHELL_DIRS = {".husky"}
_TEST_DIRS = {"test", "tests", "testing", "spec", "specs", "__tests__", "test_suite", "unit_tests"}


def file_kind(path: str, data: bytes | None) -> str:
    """python, shell, yaml, json, toml, ini, pth, make, text or binary."""
    if data is not None and b"\0" in data[:8192]:
        return "binary"
    pure = PurePosixPath(path)
    name = pure.name.lower()
    if name in _NAME_KINDS:
        return _NAME_KINDS[name]
    kind = _SUFFIX_KINDS.get(pure.suffix.lower())
    if kind:
        return kind
    parts = pure.parts
    if (len(parts) >= 3 and parts[-3] == ".git" and parts[-2] == "hooks") or any(
        p in _SHELL_DIRS for p in parts
    ):
        return "python" if _shebang(data).find("python") >= 0 else "shell"
    shebang = _shebang(data)
    if "python" in shebang:
        return "python"
    if any(shell in shebang for shell in ("sh", "bash", "zsh", "dash")):
        return "shell"
    return "text"


def _shebang(data: bytes | None) -> str:
    if not data or not data.startswith(b"#!"):
        return ""
    return data[: data.find(b"\n") if b"\n" in data else 200].decode("utf-8", "replace")


def is_test_path(path: str) -> bool:
    """A file that pytest or unittest would treat as part of the test suite (tests, conftest, fixtures)."""
    pure = PurePosixPath(path)
    name = pure.name
    if name == "conftest.py":
        return True
    if name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py") or name == "tests.py"):
        return True
    return any(part.lower() in _TEST_DIRS for part in pure.parts[:-1])


def is_conftest(path: str) -> bool:
    return PurePosixPath(path).name == "conftest.py"
