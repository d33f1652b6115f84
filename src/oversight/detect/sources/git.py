"""A change from git: a revision range, or a base revision against the working tree (tracked changes plus
untracked files that git does not ignore)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from ...types import Change, FileChange
from .diff import changed_lines_by_path
from .errors import SourceError

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
MAX_FILE_BYTES = 50_000_000


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), "-c", "core.quotepath=off", *args],
            input=input,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise SourceError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(
            f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(done.returncode)}"
        )
    return done.stdout


def repository_root(path: Path) -> Path:
    """The top of the work tree containing `path`; SourceError when there is none."""
    if not path.exists():
        raise SourceError(f"path not found: {path}")
    folder = path if path.is_dir() else path.parent
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except SourceError:
        raise SourceError(f"not a git repository: {path}") from None
    return Path(top)


def _commit(repo: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise SourceError(f"bad revision: {rev}")
    try:
        return (
            _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
            .decode()
            .strip()
        )
    except SourceError:
        raise SourceError(f"unknown revision: {rev}") from None


def _has_head(repo: Path) -> bool:
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        return True
    except SourceError:
        return False


def change_from_git(path: Path, *, base: str | None = None, head: str | None = None) -> Change:
    """Files changed between `base` (default HEAD) and `head` (default: the working tree), under `path`."""
    path = path.resolve() if path.exists() else path
    repo = repository_root(path)
    scope = path.relative_to(repo).as_posix() if path != repo else "."
    if head is not None and base is None:
        raise SourceError("--head needs --base")
    if base is None:
        base_ref = _commit(repo, "HEAD") if _has_head(repo) else EMPTY_TREE
    else:
        base_ref = _commit(repo, base)
    head_ref = _commit(repo, head) if head is not None else None
    range_args = [base_ref, head_ref] if head_ref else [base_ref]

    status = _git(repo, "diff", "--name-status", "-z", "-M", "--no-ext-diff", *range_args, "--", scope)
    entries = _parse_name_status(status)
    if head_ref is None:
        untracked = _git(repo, "ls-files", "--others", "--exclude-standard", "-z", "--", scope)
        entries.extend(("A", None, name) for name in untracked.decode("utf-8", "replace").split("\0") if name)
    if not entries:
        return Change((), description=_describe(base, head))

    patch = _git(repo, "diff", "-U0", "--no-color", "--no-ext-diff", "-M", *range_args, "--", scope)
    lines_by_path = changed_lines_by_path(patch.decode("utf-8", "replace"))

    wanted: list[str] = []
    for code, old, new in entries:
        if code != "A":
            wanted.append(f"{base_ref}:{old or new}")
        if head_ref and code != "D":
            wanted.append(f"{head_ref}:{new}")
    blobs = _cat_files(repo, wanted)

    files: list[FileChange] = []
    for code, old, new in entries:
        before = None if code == "A" else blobs.get(f"{base_ref}:{old or new}")
        if code == "D":
            after = None
        elif head_ref:
            after = blobs.get(f"{head_ref}:{new}")
        else:
            after = _read_work_tree(repo / new)
        added, removed = lines_by_path.get(new, (None, None))
        files.append(
            FileChange(
                path=new,
                before=before,
                after=after,
                old_path=old if old and old != new else None,
                added_lines=added,
                removed_lines=removed,
            )
        )
    return Change(tuple(files), description=_describe(base, head))


def _describe(base: str | None, head: str | None) -> str:
    return f"{base or 'HEAD'}..{head or 'working tree'}"


def _parse_name_status(raw: bytes) -> list[tuple[str, str | None, str]]:
    """(status letter, old path for renames/copies, path) from `git diff --name-status -z`."""
    fields = raw.decode("utf-8", "replace").split("\0")
    out: list[tuple[str, str | None, str]] = []
    index = 0
    while index < len(fields) and fields[index]:
        code = fields[index][0]
        if code in "RC":
            out.append(("A" if code == "C" else "M", fields[index + 1], fields[index + 2]))
            index += 3
        else:
            letter = {"A": "A", "D": "D"}.get(code, "M")
            out.append((letter, None, fields[index + 1]))
            index += 2
    return out


def _cat_files(repo: Path, specs: list[str]) -> dict[str, bytes]:
    """Blob contents for `rev:path` specs in one `git cat-file --batch` process."""
    if not specs:
        return {}
    raw = _git(repo, "cat-file", "--batch", input="".join(f"{spec}\n" for spec in specs).encode())
    out: dict[str, bytes] = {}
    offset = 0
    for spec in specs:
        end = raw.index(b"\n", offset)
        header = raw[offset:end].split()
        offset = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        data = raw[offset : offset + size]
        offset += size + 1
        if header[1] == b"blob":
            out[spec] = data[:MAX_FILE_BYTES]
    return out


def _read_work_tree(path: Path) -> bytes | None:
    try:
        if path.is_symlink():
            return f"symlink -> {os.readlink(path)}".encode()
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None


def base_reader(path: Path, base: str | None = None) -> Callable[[str], bytes | None]:
    """Reads a file as it was before a diff: from revision `base` of the repository at `path`, or else from
    the files under `path` (the working tree), so that a diff's modified files can be scanned whole."""
    root = path.resolve()
    if base is None:
        if not root.is_dir():
            raise SourceError(f"path not found: {path}")

        def from_tree(rel: str) -> bytes | None:
            target = root / rel
            try:
                return target.read_bytes()[:MAX_FILE_BYTES] if target.is_file() else None
            except OSError:
                return None

        return from_tree
    repo = repository_root(root)
    commit = _commit(repo, base)
    prefix = root.relative_to(repo).as_posix() if root != repo else ""

    def from_git(rel: str) -> bytes | None:
        spec = f"{commit}:{prefix + '/' if prefix else ''}{rel}"
        return _cat_files(repo, [spec]).get(spec)

    return from_git


# Public names for the other packages (verify) that read repositories the same way.
run_git = _git
resolve_commit = _commit
read_blobs = _cat_files
