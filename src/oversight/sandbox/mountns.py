"""The mount plan for `oversight run`: which folders become mount points, which paths read-only mounts, which
secrets are covered, which folders Landlock leaves writable, and what cannot be enforced.

Pure planning on resolved paths; nsexec.py carries the plan out inside the namespaces.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

# Kernel file systems: nothing in them is protected and none of their folders becomes a mount point.
KERNEL_TREES = ("/proc", "/sys", "/dev")
# Top-level folders Landlock leaves read-only: devices (a raw disk would bypass every mount) and kernel files.
NOT_WRITABLE = frozenset({"dev", "proc", "sys"})
_LINK_SCAN_LIMIT = 20_000


@dataclass(frozen=True)
class MountPlan:
    """What nsexec.py does, in order, and what it cannot do; `to_json` is the plan it reads."""

    root: str
    cwd: str
    mount_points: tuple[str, ...]
    read_only: tuple[str, ...]
    hidden: tuple[str, ...]
    writable: tuple[str, ...]
    unenforced: tuple[str, ...]
    hard_links: tuple[str, ...]
    allow_unenforced: bool = False

    def to_json(self) -> bytes:
        return json.dumps(asdict(self)).encode()

    def describe(self) -> str:
        """The plan as text for `--dry-run`."""
        lines = [f"repository: {self.root}", f"working directory: {self.cwd}"]
        sections = (
            ("mount points (cannot be renamed or removed)", self.mount_points),
            ("read-only", self.read_only),
            ("hidden (reads give an empty file or folder)", self.hidden),
            ("writable through Landlock (everything else read-only; no mount changes)", self.writable),
            ("NOT ENFORCED", self.unenforced),
            ("REFUSED: protected files with another hard link", self.hard_links),
        )
        for title, items in sections:
            lines.append(f"{title}:" + ("" if items else " none"))
            lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _ancestors(path: str) -> list[str]:
    """Folders above `path`, nearest first, without '/'."""
    found = []
    parent = os.path.dirname(path)
    while parent not in ("/", ""):
        found.append(parent)
        parent = os.path.dirname(parent)
    return found


def _other_links(path: str) -> list[str]:
    """`path`, or files below it, that have more than one name (another name could change them)."""
    try:
        info = os.lstat(path)
    except OSError:
        return []
    if stat.S_ISREG(info.st_mode):
        return [path] if info.st_nlink > 1 else []
    found: list[str] = []
    seen = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            seen += 1
            if seen > _LINK_SCAN_LIMIT:
                return found
            full = os.path.join(folder, name)
            try:
                linked = os.lstat(full)
            except OSError:
                continue
            if stat.S_ISREG(linked.st_mode) and linked.st_nlink > 1:
                found.append(full)
    return found


def writable_folders() -> tuple[str, ...]:
    """Every top-level folder except the kernel's: Landlock grants these whole, and nothing else."""
    try:
        names = sorted(os.listdir("/"))
    except OSError:
        return ()
    return tuple(
        "/" + name
        for name in names
        if name not in NOT_WRITABLE and os.path.isdir("/" + name) and not os.path.islink("/" + name)
    )


def _resolve(paths: Iterable[Path | str], notes: list[str]) -> list[str]:
    """Absolute, symlink-free paths; a protected symbolic link protects its target and is reported."""
    resolved: list[str] = []
    for path in paths:
        lexical = os.path.abspath(path)
        real = os.path.realpath(lexical)
        if real != lexical and os.path.islink(lexical):
            notes.append(f"{lexical} is a symbolic link: its target {real} is read-only, the link is not")
        if any(_inside(real, tree) for tree in KERNEL_TREES) or real == "/":
            notes.append(f"{lexical} is not protected: it lies in a kernel file system or is '/'")
            continue
        if os.path.lexists(real) and real not in resolved:
            resolved.append(real)
    return resolved


def _outermost(paths: list[str]) -> list[str]:
    """Drop paths that lie inside another one: a recursive read-only mount already covers them."""
    return [p for p in paths if not any(other != p and _inside(p, other) for other in paths)]


def _seal(folder: str, root: str, protected: list[str]) -> bool:
    """Whether `folder` can become read-only: it holds entries, and all of them are protected already (never
    the repository, a folder above it, or the home folder)."""
    if not os.path.isdir(folder) or _inside(root, folder) or folder == os.path.expanduser("~"):
        return False
    try:
        entries = [os.path.realpath(os.path.join(folder, entry)) for entry in os.listdir(folder)]
    except OSError:
        return False
    return bool(entries) and all(any(_inside(e, p) for p in protected) for e in entries)


def _sealed_folders(
    root: str, expected: Iterable[str], read_only: list[str], hidden: list[str], notes: list[str]
) -> list[str]:
    """Folders made read-only so that protected names that do not exist yet cannot be created in them;
    every name or folder where that is not possible is reported. `expected`: paths, or FOLDER/* for any
    new name in FOLDER."""
    sealed: list[str] = []
    for name in dict.fromkeys(os.path.normpath(e) for e in expected):
        any_name = os.path.basename(name) == "*"
        target = os.path.dirname(name) if any_name else name
        if (os.path.lexists(target) and not any_name) or any(
            _inside(target, p) for p in read_only + hidden + sealed
        ):
            continue
        folder = target if any_name else os.path.dirname(target)
        if _seal(folder, root, read_only + hidden):
            sealed.append(os.path.realpath(folder))
            continue
        shown = os.path.relpath(target, root) if _inside(target, root) else target
        if any_name and os.path.isdir(target):
            notes.append(f"new protected files could be created in {shown}")
        else:
            notes.append(f"{shown} does not exist yet and could be created")
    return sealed


def plan_mounts(
    root: Path,
    cwd: Path,
    read_only: Iterable[Path | str],
    hidden: Iterable[Path | str],
    *,
    expected: Iterable[str] = (),
    allow_unenforced: bool = False,
) -> MountPlan:
    """Plan the mounts that make `read_only` unwritable and `hidden` unreadable below `root`.

    `expected`: protected paths named literally by the policy, which may not exist yet. Every folder above
    a protected path, and `root` itself with its ancestors, becomes a mount point: rename and unlink refuse
    mount points (EBUSY), so no protected path can be moved away, replaced or have its repository moved."""
    notes: list[str] = []
    top = os.path.realpath(root)
    ro = _resolve(read_only, notes)
    secret = _outermost(_resolve(hidden, notes))
    ro = [p for p in ro if not any(_inside(p, s) for s in secret)]
    ro = _outermost(ro + _sealed_folders(top, expected, ro, secret, notes))
    points: set[str] = {top, *_ancestors(top)}
    for path in ro + secret:
        points.update(_ancestors(path))
    covered = ro + secret
    mount_points = sorted(
        (p for p in points if not any(_inside(p, c) for c in covered)), key=lambda p: (p.count("/"), p)
    )
    links = sorted({link for path in ro for link in _other_links(path)})
    return MountPlan(
        root=top,
        cwd=os.path.abspath(cwd),
        mount_points=tuple(mount_points),
        read_only=tuple(sorted(ro)),
        hidden=tuple(sorted(secret)),
        writable=writable_folders(),
        unenforced=tuple(notes),
        hard_links=tuple(links),
        allow_unenforced=allow_unenforced,
    )
