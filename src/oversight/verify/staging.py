"""The tree a witnessed run executes: the working tree's code with the trusted revision's tests.

Tests, conftest files and test configuration come from the base revision (the agent's edits to them are
reported, not run); new test files may run beside them. The copy is private to the run, so the sandbox can
make every trusted file read-only without touching the user's checkout.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..detect.sources.errors import SourceError
from ..detect.sources.git import read_blobs, repository_root, resolve_commit, run_git
from ..detect.testconfig import DEFAULT_PYTHON_FILES, PytestConfig, collected_file, read_pytest_config
from ..types import Evidence

TEST_DIR_NAMES = frozenset({"test", "tests", "testing"})
CONFIG_NAMES = ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
STARTUP_NAMES = frozenset({"sitecustomize.py", "usercustomize.py"})


@dataclass(frozen=True)
class BaseConfig:
    """The pytest configuration the base revision gives the directory the tests run from."""

    path: str | None
    options: PytestConfig | None

    def words(self, key: str) -> list[str]:
        return self.options.words(key) if self.options else []

    @property
    def python_files(self) -> list[str]:
        return self.words("python_files") or DEFAULT_PYTHON_FILES


@dataclass
class Stage:
    """A private copy ready to run; `trusted` are the paths whose content came from the base revision."""

    repo: Path
    root: Path
    workdir: Path
    base: str
    config: BaseConfig
    trusted: dict[str, bytes] = field(default_factory=dict)
    added_tests: set[str] = field(default_factory=set)
    copied: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def relative_workdir(self) -> str:
        rel = self.workdir.relative_to(self.root).as_posix()
        return "" if rel == "." else rel

    def cleanup(self) -> None:
        shutil.rmtree(self.root.parent, ignore_errors=True)


def is_protected(rel: str, config: BaseConfig) -> bool:
    """Whether a path belongs to what judges the code: tests, their helpers, conftest files, test config."""
    path = PurePosixPath(rel)
    if path.name == "conftest.py" or path.name in CONFIG_NAMES:
        return True
    if collected_file(path.name, config.python_files):
        return True
    if any(part in TEST_DIR_NAMES for part in path.parts[:-1]):
        return True
    return any(inside(rel, tp) for tp in _testpaths(config))


def inside(path: str, folder: str) -> bool:
    """Whether a repository-relative path is `folder` or lies under it ("" is the repository itself)."""
    folder = folder.rstrip("/")
    return folder == "" or path == folder or path.startswith(folder + "/")


def _testpaths(config: BaseConfig) -> list[str]:
    base = PurePosixPath(config.path).parent.as_posix() if config.path else ""
    out = []
    for entry in config.words("testpaths"):
        entry = entry.strip("/")
        if entry and "*" not in entry and ".." not in entry:
            out.append(f"{base}/{entry}" if base not in ("", ".") else entry)
    return out


def _ls_tree(repo: Path, commit: str) -> dict[str, str]:
    raw = run_git(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    out: dict[str, str] = {}
    for entry in raw.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode = meta.split()[0].decode()
        out[name.decode("utf-8", "surrogateescape")] = mode
    return out


def _work_files(repo: Path) -> list[str]:
    raw = run_git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    seen: dict[str, None] = {}
    for name in raw.split(b"\0"):
        if name:
            seen[name.decode("utf-8", "surrogateescape")] = None
    return [name for name in seen if os.path.lexists(repo / name)]


def find_base_config(base_files: dict[str, bytes], workdir_rel: str) -> BaseConfig:
    """pytest's own search: from the run directory up to the root, the first file with a pytest section."""
    parts = [p for p in PurePosixPath(workdir_rel).parts if p not in ("", ".")]
    for depth in range(len(parts), -1, -1):
        prefix = "/".join(parts[:depth])
        for name in CONFIG_NAMES:
            rel = f"{prefix}/{name}" if prefix else name
            data = base_files.get(rel)
            if data is None:
                continue
            text = data.decode("utf-8", "replace")
            options = read_pytest_config(rel, text)
            if options is not None or name in ("pytest.ini", ".pytest.ini"):
                return BaseConfig(rel, options)
    return BaseConfig(None, None)


def stage(path: Path, base: str = "HEAD") -> Stage:
    """Copy the working tree of the repository at `path` with base's tests into a fresh private folder."""
    target = path.resolve()
    repo = repository_root(target)
    commit = resolve_commit(repo, base)
    base_modes = _ls_tree(repo, commit)
    workdir_rel = target.relative_to(repo).as_posix() if target != repo else ""
    if not target.is_dir():
        raise SourceError(f"not a directory: {path}")

    config_names = [rel for rel in base_modes if PurePosixPath(rel).name in CONFIG_NAMES]
    config_blobs = read_blobs(repo, [f"{commit}:{rel}" for rel in config_names])
    config = find_base_config(
        {rel: config_blobs.get(f"{commit}:{rel}", b"") for rel in config_names}, workdir_rel
    )

    protected_base = [
        rel for rel, mode in base_modes.items() if mode != "160000" and is_protected(rel, config)
    ]
    blobs = read_blobs(repo, [f"{commit}:{rel}" for rel in protected_base])
    trusted = {rel: blobs.get(f"{commit}:{rel}", b"") for rel in protected_base}

    holder = Path(tempfile.mkdtemp(prefix="oversight-verify-"))
    root = holder / "repo"
    root.mkdir()
    result = Stage(
        repo=repo, root=root, workdir=root / workdir_rel, base=commit, config=config, trusted=trusted
    )
    try:
        _populate(result, base_modes)
    except BaseException:
        result.cleanup()
        raise
    result.workdir.mkdir(parents=True, exist_ok=True)
    return result


def code_modules(paths: list[str], config: BaseConfig) -> set[str]:
    """Top-level module names the repository's own code provides (`pkg` for pkg/x.py or src/pkg/x.py)."""
    names: set[str] = set()
    for rel in paths:
        if not rel.endswith(".py") or is_protected(rel, config):
            continue
        parts = PurePosixPath(rel).parts
        if parts[0] in ("src", "lib") and len(parts) > 1:
            parts = parts[1:]
        names.add(parts[0].removesuffix(".py"))
    return names


def shadowed_module(rel: str, modules: set[str]) -> str | None:
    """The code module a new Python file under a test folder would stand in for (pytest puts test folders
    first on sys.path), or None."""
    parts = PurePosixPath(rel).parts
    test_dirs = [i for i, part in enumerate(parts[:-1]) if part in TEST_DIR_NAMES]
    if not test_dirs or not rel.endswith(".py"):
        return None
    top = parts[test_dirs[-1] + 1].removesuffix(".py")
    return top if top in modules else None


def _changed_since(repo: Path, commit: str) -> set[str]:
    """Tracked paths whose working-tree content differs from `commit` (git compares by stat, then content)."""
    raw = run_git(repo, "diff", "--name-only", "--no-renames", "-z", commit, "--")
    return {name.decode("utf-8", "surrogateescape") for name in raw.split(b"\0") if name}


class _Folders:
    """mkdir -p with a memory, so a tree of thousands of files costs one call per folder."""

    def __init__(self) -> None:
        self.made: set[Path] = set()

    def ensure(self, folder: Path) -> None:
        if folder not in self.made:
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)


def _populate(result: Stage, base_modes: dict[str, str]) -> None:
    repo, root, config = result.repo, result.root, result.config
    work = _work_files(repo)
    work_set = set(work)
    changed = _changed_since(repo, result.base)
    modules = code_modules(work, config)
    folders = _Folders()
    for rel in work:
        source = repo / rel
        name = PurePosixPath(rel).name
        if rel in result.trusted:
            if rel in changed and _read(source) != result.trusted[rel]:
                result.evidence.append(
                    Evidence("test-edit", f"{rel} was changed; the base revision's version ran", path=rel)
                )
            continue
        if is_protected(rel, config):
            if name == "conftest.py" or name in CONFIG_NAMES:
                result.evidence.append(
                    Evidence("test-edit", f"{rel} was added by the change and was not loaded", path=rel)
                )
                continue
            if collected_file(name, config.python_files):
                result.added_tests.add(rel)
            else:
                shadow = shadowed_module(rel, modules)
                if shadow is not None:
                    result.evidence.append(
                        Evidence(
                            "shadowing",
                            f"{rel} was added under a test folder, where it would stand in for the code's own "
                            f"module {shadow!r}; it was not copied",
                            tampering=True,
                            path=rel,
                        )
                    )
                    continue
        elif name in STARTUP_NAMES or name.endswith(".pth"):
            result.evidence.append(
                Evidence(
                    "startup",
                    f"{rel} is start-up code (run by Python before any test); it was not loaded",
                    path=rel,
                )
            )
        _copy(source, root / rel, folders)
        result.copied.add(rel)
    for rel, data in result.trusted.items():
        if rel not in work_set:
            result.evidence.append(
                Evidence("test-edit", f"{rel} was deleted by the change; the base version ran", path=rel)
            )
        destination = root / rel
        folders.ensure(destination.parent)
        destination.write_bytes(data)
        if base_modes.get(rel) == "100755":
            destination.chmod(0o755)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if not path.is_symlink() else None
    except OSError:
        return None


def _copy(source: Path, destination: Path, folders: _Folders) -> None:
    folders.ensure(destination.parent)
    if source.is_symlink():
        os.symlink(os.readlink(source), destination)
    elif source.is_file():
        shutil.copy2(source, destination)
