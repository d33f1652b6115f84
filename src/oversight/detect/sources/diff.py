"""A change from a unified diff alone: rules run on what the hunks show (added and deleted files whole,
modified files as their hunks placed at their real line numbers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchedFile, PatchSet

from ...types import Change, FileChange
from .errors import SourceError

Lines = tuple[frozenset[int], frozenset[int]]


def _parse(text: str) -> PatchSet:
    try:
        return PatchSet(text)
    except (UnidiffParseError, ValueError, IndexError) as exc:
        raise SourceError(f"not a unified diff: {str(exc).splitlines()[0] if str(exc) else exc}") from None


def _clean_path(patched: PatchedFile) -> str:
    raw = patched.path.strip('"')
    pure = PurePosixPath(raw)
    if pure.is_absolute() or ".." in pure.parts:
        raise SourceError(f"diff names a path outside the repository: {raw}")
    return pure.as_posix()


def changed_lines_by_path(text: str) -> dict[str, Lines]:
    """(after lines added, before lines removed) per path, from a diff (typically `git diff -U0`)."""
    out: dict[str, Lines] = {}
    for patched in _parse(text):
        added: set[int] = set()
        removed: set[int] = set()
        for hunk in patched:
            for line in hunk:
                if line.is_added and line.target_line_no:
                    added.add(line.target_line_no)
                elif line.is_removed and line.source_line_no:
                    removed.add(line.source_line_no)
        out[_clean_path(patched)] = (frozenset(added), frozenset(removed))
    return out


def _place(numbered: dict[int, str]) -> bytes:
    """Lines at their real line numbers, blank lines in the gaps."""
    if not numbered:
        return b""
    last = max(numbered)
    return "".join(numbered.get(n, "\n") for n in range(1, last + 1)).encode()


def apply_hunks(before: bytes, patched: PatchedFile) -> bytes | None:
    """The whole new file, when every hunk's context and removed lines match `before`; else None."""
    old = before.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    out: list[str] = []
    cursor = 0
    for hunk in patched:
        start = max(hunk.source_start - 1, 0) if hunk.source_length else hunk.source_start
        if start < cursor or start > len(old):
            return None
        out.extend(old[cursor:start])
        cursor = start
        for line in hunk:
            if line.is_added:
                out.append(line.value)
                continue
            if line.is_context or line.is_removed:
                if cursor >= len(old) or old[cursor].rstrip("\r\n") != line.value.rstrip("\r\n"):
                    return None
                if line.is_context:
                    out.append(old[cursor])
                cursor += 1
    out.extend(old[cursor:])
    return "".join(out).encode("utf-8", "surrogateescape")


BaseReader = Callable[[str], bytes | None]


def change_from_diff(text: str, base_reader: BaseReader | None = None) -> Change:
    """Every file a unified diff touches; SourceError when the text is not a diff or touches nothing.

    With `base_reader` (path -> the file's content before the diff, or None), each modified file whose hunks
    apply cleanly to that content is scanned whole; the others are scanned through their hunks alone.
    """
    patch = _parse(text)
    if not list(patch):
        raise SourceError("not a unified diff: no file headers or hunks found")
    files: list[FileChange] = []
    for patched in patch:
        path = _clean_path(patched)
        old_path = None
        if patched.is_rename and patched.source_file not in (None, "/dev/null"):
            source = patched.source_file.strip('"')
            old_path = source[2:] if source[:2] in ("a/", "b/") else source
        if patched.is_binary_file:
            files.append(
                FileChange(
                    path=path,
                    before=None if patched.is_added_file else b"\0binary",
                    after=None if patched.is_removed_file else b"\0binary",
                    partial=True,
                    added_lines=frozenset(),
                    removed_lines=frozenset(),
                )
            )
            continue
        before: dict[int, str] = {}
        after: dict[int, str] = {}
        added: set[int] = set()
        removed: set[int] = set()
        for hunk in patched:
            for line in hunk:
                value = line.value if line.value.endswith("\n") else line.value + "\n"
                if line.source_line_no and not line.is_added:
                    before[line.source_line_no] = value
                if line.target_line_no and not line.is_removed:
                    after[line.target_line_no] = value
                if line.is_added and line.target_line_no:
                    added.add(line.target_line_no)
                if line.is_removed and line.source_line_no:
                    removed.add(line.source_line_no)
        whole = patched.is_added_file or patched.is_removed_file
        original = base_reader(old_path or path) if base_reader and not whole else None
        applied = apply_hunks(original, patched) if original is not None else None
        if original is not None and applied is not None:
            files.append(
                FileChange(
                    path=path,
                    before=original,
                    after=applied,
                    old_path=old_path,
                    added_lines=frozenset(added),
                    removed_lines=frozenset(removed),
                )
            )
            continue
        files.append(
            FileChange(
                path=path,
                before=None if patched.is_added_file else _place(before),
                after=None if patched.is_removed_file else _place(after),
                old_path=old_path,
                partial=not whole,
                added_lines=frozenset(added),
                removed_lines=frozenset(removed),
            )
        )
    return Change(tuple(files), description="diff")
