"""Where changes come from: real git repositories (ranges, working tree, untracked files) and diffs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import git, write

from oversight.detect.sources import SourceError, change_from_directories
from oversight.detect.sources.diff import change_from_diff
from oversight.detect.sources.git import change_from_git

MakeRepo = Callable[[dict[str, str | bytes]], Path]


def by_path(change: object) -> dict[str, object]:
    return {f.path: f for f in change}  # type: ignore[attr-defined]


def test_working_tree_includes_untracked_but_not_ignored(make_repo: MakeRepo) -> None:
    repo = make_repo({"src/a.py": "x = 1\n", ".gitignore": "build/\n"})
    write(repo, {"src/a.py": "x = 2\n", "src/new.py": "y = 1\n", "build/out.py": "z = 1\n"})
    files = by_path(change_from_git(repo))
    assert set(files) == {"src/a.py", "src/new.py"}
    a = files["src/a.py"]
    assert a.before == b"x = 1\n" and a.after == b"x = 2\n"  # type: ignore[attr-defined]
    assert a.added_lines == frozenset({1})  # type: ignore[attr-defined]


def test_range_between_commits_and_deletions_and_renames(make_repo: MakeRepo) -> None:
    repo = make_repo({"tests/test_a.py": "def test_a():\n    assert 1 == 1\n" * 3, "gone.py": "x = 1\n"})
    git(repo, "mv", "tests/test_a.py", "tests/a_check.py")
    git(repo, "rm", "-q", "gone.py")
    git(repo, "commit", "-qm", "second")
    files = by_path(change_from_git(repo, base="HEAD~1", head="HEAD"))
    assert set(files) == {"tests/a_check.py", "gone.py"}
    assert files["gone.py"].after is None  # type: ignore[attr-defined]
    assert files["tests/a_check.py"].old_path == "tests/test_a.py"  # type: ignore[attr-defined]
    assert files["tests/a_check.py"].status == "renamed"  # type: ignore[attr-defined]


def test_base_against_working_tree(make_repo: MakeRepo) -> None:
    repo = make_repo({"a.py": "x = 1\n"})
    write(repo, {"a.py": "x = 2\n"})
    git(repo, "commit", "-qam", "two")
    write(repo, {"a.py": "x = 3\n"})
    files = by_path(change_from_git(repo, base="HEAD~1"))
    assert files["a.py"].before == b"x = 1\n" and files["a.py"].after == b"x = 3\n"  # type: ignore[attr-defined]


def test_scope_to_a_subdirectory(make_repo: MakeRepo) -> None:
    repo = make_repo({"a/x.py": "1\n", "b/y.py": "1\n"})
    write(repo, {"a/x.py": "2\n", "b/y.py": "2\n"})
    assert set(by_path(change_from_git(repo / "a"))) == {"a/x.py"}


def test_repository_without_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path, {"a.py": "x = 1\n"})
    assert set(by_path(change_from_git(tmp_path))) == {"a.py"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"base": "no-such-rev"}, "unknown revision"), ({"base": "--exec=x"}, "bad revision")],
)
def test_bad_revisions(make_repo: MakeRepo, kwargs: dict[str, str], message: str) -> None:
    repo = make_repo({"a.py": "1\n"})
    with pytest.raises(SourceError, match=message):
        change_from_git(repo, **kwargs)


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a git repository"):
        change_from_git(tmp_path)
    with pytest.raises(SourceError, match="path not found"):
        change_from_git(tmp_path / "missing")


DIFF = """\
diff --git a/src/calc.py b/src/calc.py
--- a/src/calc.py
+++ b/src/calc.py
@@ -10,2 +10,4 @@ class Calc:
     def add(self, a, b):
-        return a + b
+        if a == 2 and b == 2:
+            return 5
+        return a + b
diff --git a/tests/test_new.py b/tests/test_new.py
new file mode 100644
--- /dev/null
+++ b/tests/test_new.py
@@ -0,0 +1,2 @@
+def test_x():
+    assert True
"""


def test_diff_places_hunks_at_real_line_numbers() -> None:
    files = by_path(change_from_diff(DIFF))
    calc = files["src/calc.py"]
    assert calc.partial  # type: ignore[attr-defined]
    lines = calc.after.decode().splitlines()  # type: ignore[attr-defined]
    assert lines[10].strip() == "if a == 2 and b == 2:"
    assert calc.added_lines == frozenset({11, 12, 13})  # type: ignore[attr-defined]
    assert calc.removed_lines == frozenset({11})  # type: ignore[attr-defined]
    new = files["tests/test_new.py"]
    assert not new.partial and new.before is None  # type: ignore[attr-defined]
    assert new.after == b"def test_x():\n    assert True\n"  # type: ignore[attr-defined]


def test_diff_outside_repository_is_refused() -> None:
    bad = DIFF.replace("src/calc.py", "../../etc/calc.py")
    with pytest.raises(SourceError, match="outside the repository"):
        change_from_diff(bad)


def test_text_that_is_not_a_diff() -> None:
    with pytest.raises(SourceError, match="not a unified diff"):
        change_from_diff("hello\nworld\n")


def test_directories_pair(tmp_path: Path) -> None:
    write(
        tmp_path, {"before/a.py": "1\n", "before/b.py": "same\n", "after/b.py": "same\n", "after/c.py": "2\n"}
    )
    files = by_path(change_from_directories(tmp_path / "before", tmp_path / "after"))
    assert set(files) == {"a.py", "c.py"}
    assert files["a.py"].after is None  # type: ignore[attr-defined]


def test_diff_applied_to_the_files_it_was_made_against(tmp_path: Path) -> None:
    from oversight.detect.sources.git import base_reader

    original = (
        "".join(f"line {n}\n" for n in range(1, 10)) + "    def add(self, a, b):\n        return a + b\n"
    )
    write(tmp_path, {"src/calc.py": original})
    calc = by_path(change_from_diff(DIFF, base_reader(tmp_path)))["src/calc.py"]
    assert not calc.partial  # type: ignore[attr-defined]
    after = calc.after.decode()  # type: ignore[attr-defined]
    assert after.startswith("line 1\n") and "if a == 2 and b == 2:\n            return 5\n" in after
    assert calc.before == original.encode()  # type: ignore[attr-defined]


def test_diff_that_does_not_apply_falls_back_to_hunks(tmp_path: Path) -> None:
    from oversight.detect.sources.git import base_reader

    write(tmp_path, {"src/calc.py": "something else entirely\n"})
    calc = by_path(change_from_diff(DIFF, base_reader(tmp_path)))["src/calc.py"]
    assert calc.partial  # type: ignore[attr-defined]


def test_diff_against_a_base_revision(make_repo: MakeRepo) -> None:
    from oversight.detect.sources.git import base_reader

    original = "class Calc:\n" + "\n" * 8 + "    def add(self, a, b):\n        return a + b\n"
    repo = make_repo({"src/calc.py": original})
    write(repo, {"src/calc.py": "changed since\n"})
    calc = by_path(change_from_diff(DIFF, base_reader(repo, "HEAD")))["src/calc.py"]
    assert not calc.partial and calc.before == original.encode()  # type: ignore[attr-defined]
