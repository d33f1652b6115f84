"""A change from two directory trees (before/ and after/), as the labelled corpus stores its cases."""

from __future__ import annotations

from pathlib import Path

from ...types import Change, FileChange

MAX_FILE_BYTES = 50_000_000


def _files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file() or p.is_symlink()
    }


def _read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    if path.is_symlink():
        return f"symlink -> {path.readlink()}".encode()
    return path.read_bytes()[:MAX_FILE_BYTES]


def change_from_directories(before: Path, after: Path) -> Change:
    """Every file that differs between the two trees; a file missing from `after` was deleted."""
    old = _files(before)
    new = _files(after)
    files: list[FileChange] = []
    for rel in sorted(old.keys() | new.keys()):
        data_before = _read(old.get(rel))
        data_after = _read(new.get(rel))
        if data_before == data_after:
            continue
        files.append(FileChange(path=rel, before=data_before, after=data_after))
    return Change(tuple(files), description=f"{before} -> {after}")
