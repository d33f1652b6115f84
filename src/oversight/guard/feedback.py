"""After a tool ran: scan the files it touched (HEAD's version against the working tree) with `detect`, and
turn what the scan finds into a Decision the adapters hand back to the agent (deny = "look at this")."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..types import Action, Change, Decision, FileChange, Finding, Severity

MAX_FILE_BYTES = 50_000_000
REPORTED = Severity.MEDIUM
FILE_KINDS = frozenset({"write", "edit", "notebook", "patch", "delete"})


def scan_after(actions: Sequence[Action]) -> Decision:
    """Findings (medium and above) in the files the actions touched, as a deny with one reason per finding;
    allow when there are none or nothing to scan."""
    files = touched_files(actions)
    if not files:
        return Decision("allow")
    change = change_of(files)
    if not change.files:
        return Decision("allow")
    from ..detect import scan

    result = scan(change)
    findings = [f for f in result.findings if f.severity >= REPORTED]
    if not findings:
        return Decision("allow", findings=tuple(result.findings))
    return Decision("deny", tuple(_line(f) for f in findings[:20]), findings[0].rule, tuple(result.findings))


def _line(finding: Finding) -> str:
    return f"{finding.rule} {finding.name} ({finding.severity.label}) {finding.path}:{finding.line}: {finding.message}"


def touched_files(actions: Iterable[Action]) -> list[str]:
    """Absolute paths of the files the actions wrote, edited or deleted (commands: the paths the shell
    analysis says they may write)."""
    out: dict[str, None] = {}
    for action in actions:
        cwd = action.cwd or os.getcwd()
        paths: Iterable[str] = action.paths if action.kind in FILE_KINDS else ()
        if action.kind == "command" and action.command:
            paths = _written_by(action.command, cwd)
        for path in paths:
            out[os.path.normpath(os.path.join(cwd, os.path.expanduser(path)))] = None
    return list(out)


def _written_by(command: str, cwd: str) -> list[str]:
    try:
        from .shell import analyse
    except ImportError:
        return []
    analysis = analyse(command, cwd)
    return [
        effect.path
        for effect in analysis.effects
        if effect.kind in ("write", "delete") and effect.path and not effect.glob
    ]


def change_of(files: Sequence[str]) -> Change:
    """Each file in a git work tree as HEAD had it against the working tree (files outside any repository,
    or unchanged, are left out)."""
    from ..detect.sources.errors import SourceError
    from ..detect.sources.git import read_blobs, repository_root, run_git

    out: list[FileChange] = []
    roots: dict[str, Path | None] = {}
    for path in files:
        folder = _existing_folder(path)
        if folder is None:
            continue
        if folder not in roots:
            try:
                roots[folder] = repository_root(Path(folder))
            except SourceError:
                roots[folder] = None
        repo = roots[folder]
        if repo is None:
            continue
        try:
            rel = Path(os.path.realpath(path) if os.path.exists(path) else path).relative_to(repo.resolve())
        except ValueError:
            continue
        try:
            run_git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
            spec = f"HEAD:{rel.as_posix()}"
            before = read_blobs(repo, [spec]).get(spec)
        except SourceError:
            before = None
        after = _read(path)
        if before != after:
            out.append(FileChange(rel.as_posix(), before, after))
    return Change(tuple(out), description="HEAD..working tree (touched by the agent's tool)")


def _existing_folder(path: str) -> str | None:
    folder = os.path.dirname(path)
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder or None


def _read(path: str) -> bytes | None:
    try:
        if os.path.islink(path):
            return f"symlink -> {os.readlink(path)}".encode()
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
