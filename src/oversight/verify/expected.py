"""What the trusted revision's tests are, read from their syntax trees: the independent expectation a run
must meet, and which tests their own source allows to be skipped or xfailed.

Only definitions pytest certainly collects count (top-level `test*` functions, methods of `Test*` classes
without `__init__`, `unittest.TestCase` subclasses), so the expectation is a lower bound: a test this module
expects and the run never reports is missing.
"""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..detect.names import identifiers
from ..detect.testconfig import DEFAULT_PYTHON_CLASSES, DEFAULT_PYTHON_FUNCTIONS, pattern_matches
from .staging import BaseConfig, Stage, inside

SKIP_NAMES = frozenset(
    {
        "skip", "skipif", "xfail", "skipIf", "skipUnless", "expectedFailure", "skipTest", "SkipTest",
        "importorskip", "Skipped", "XFailed",
    }
)  # fmt: skip
DEFAULT_NORECURSE = (".*", "*.egg", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}")


@dataclass(frozen=True)
class ExpectedTest:
    """A test function the trusted revision defines: file, class (or None), function name."""

    path: str
    cls: str | None
    name: str

    @property
    def label(self) -> str:
        return f"{self.path}::{self.cls + '::' if self.cls else ''}{self.name}"


@dataclass
class Expectation:
    """The base revision's tests, and where skipping is the trusted code's own doing."""

    tests: list[ExpectedTest] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    may_skip: set[tuple[str, str | None, str | None]] = field(default_factory=set)
    mentions: dict[str, frozenset[str]] = field(default_factory=dict)
    conftest_skips: set[str] = field(default_factory=set)
    unsure_dirs: set[str] = field(default_factory=set)

    def skip_allowed(self, path: str, cls: str | None, name: str | None) -> bool:
        """Whether the trusted source itself can skip/xfail this test (decorator, call, module or conftest)."""
        if (path, None, None) in self.may_skip or (path, cls, None) in self.may_skip:
            return True
        if (path, cls, name) in self.may_skip:
            return True
        return any(inside(path, folder) for folder in self.conftest_skips)


def _can_skip(node: ast.AST) -> bool:
    return bool(identifiers(node) & SKIP_NAMES)


def _is_testcase(cls: ast.ClassDef) -> bool:
    return any(
        "TestCase" in identifiers(base) or "IsolatedAsyncioTestCase" in identifiers(base)
        for base in cls.bases
    )


def _class_collected(cls: ast.ClassDef, patterns: list[str]) -> bool:
    if _is_testcase(cls):
        return True
    if not any(pattern_matches(p, cls.name) for p in patterns):
        return False
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name in ("__init__", "__new__"):
            return False
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__test__" for t in stmt.targets
        ):
            return False
    return True


def read_test_file(path: str, source: bytes, config: BaseConfig, into: Expectation) -> None:
    """Add one trusted test file's tests and skip permissions to the expectation."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        into.unsure_dirs.add(path)
        return
    functions = config.words("python_functions") or DEFAULT_PYTHON_FUNCTIONS
    classes = config.words("python_classes") or DEFAULT_PYTHON_CLASSES
    into.files.add(path)
    into.mentions[path] = frozenset(identifiers(tree))
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(pattern_matches(p, stmt.name) for p in functions):
                into.tests.append(ExpectedTest(path, None, stmt.name))
                if _can_skip(stmt):
                    into.may_skip.add((path, None, stmt.name))
        elif isinstance(stmt, ast.ClassDef):
            _read_class(path, stmt, functions, classes, into)
        elif _can_skip(stmt):
            # pytestmark, a module-level importorskip or skip(allow_module_level=True), a helper that skips.
            into.may_skip.add((path, None, None))


def _read_class(
    path: str, cls: ast.ClassDef, functions: list[str], classes: list[str], into: Expectation
) -> None:
    if not _class_collected(cls, classes):
        return
    unittest_style = _is_testcase(cls)
    if any(_can_skip(d) for d in cls.decorator_list) or any(
        _can_skip(stmt) for stmt in cls.body if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
    ):
        into.may_skip.add((path, cls.name, None))
    for stmt in cls.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if stmt.name.startswith(("setUp", "tearDown", "setup", "teardown")) and _can_skip(stmt):
            into.may_skip.add((path, cls.name, None))
            continue
        wanted = (
            stmt.name.startswith("test")
            if unittest_style
            else any(pattern_matches(p, stmt.name) for p in functions)
        )
        if wanted:
            into.tests.append(ExpectedTest(path, cls.name, stmt.name))
            if _can_skip(stmt):
                into.may_skip.add((path, cls.name, stmt.name))


def read_conftest(path: str, source: bytes, into: Expectation) -> None:
    """A trusted conftest that can skip, xfail, deselect or ignore tests vouches for those below it."""
    folder = PurePosixPath(path).parent.as_posix()
    folder = "" if folder == "." else folder
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        into.unsure_dirs.add(folder)
        into.conftest_skips.add(folder)
        return
    names = identifiers(tree)
    if names & SKIP_NAMES or "add_marker" in names:
        into.conftest_skips.add(folder)
    if names & {"collect_ignore", "collect_ignore_glob", "pytest_ignore_collect", "pytest_collect_file"}:
        into.unsure_dirs.add(folder)
    if names & {"pytest_collection_modifyitems", "pytest_generate_tests", "pytest_pycollect_makeitem"}:
        into.unsure_dirs.add(folder)


def norecurse_matches(folder: str, pattern: str) -> bool:
    """pytest's norecursedirs test (fnmatch_ex): a pattern without a slash matches the folder's name, one
    with a slash matches the end of its path."""
    if "/" not in pattern:
        return fnmatch.fnmatchcase(PurePosixPath(folder).name, pattern)
    return fnmatch.fnmatchcase("/" + folder, "*/" + pattern.strip("/"))


def _excluded(rel: str, stage: Stage, selected: list[str]) -> bool:
    parts = PurePosixPath(rel).parts
    norecurse = stage.config.words("norecursedirs") or list(DEFAULT_NORECURSE)
    folders = ["/".join(parts[: i + 1]) for i in range(len(parts) - 1)]
    if any(norecurse_matches(folder, pattern) for folder in folders for pattern in norecurse):
        return True
    return bool(selected) and not any(inside(rel, chosen) for chosen in selected)


def build_expectation(stage: Stage, selected_paths: list[str]) -> Expectation:
    """Read every trusted test file and conftest under the run directory (or the paths the caller chose)."""
    expectation = Expectation()
    scope = stage.relative_workdir
    for rel, data in sorted(stage.trusted.items()):
        if not inside(rel, scope):
            continue
        name = PurePosixPath(rel).name
        if name == "conftest.py":
            read_conftest(rel, data, expectation)
        elif (
            name.endswith(".py")
            and _matches_python_files(rel, stage.config)
            and not _excluded(rel, stage, selected_paths)
        ):
            read_test_file(rel, data, stage.config, expectation)
    return expectation


def _matches_python_files(rel: str, config: BaseConfig) -> bool:
    name = PurePosixPath(rel).name
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(rel, p) for p in config.python_files)
