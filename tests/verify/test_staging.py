"""Staging and the static expectation: what counts as trusted, what the base tests are, which interpreter."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import write

from oversight.verify.expected import build_expectation
from oversight.verify.runner import child_environment, interpreter_problem
from oversight.verify.staging import BaseConfig, is_protected, shadowed_module, stage

MakeRepo = Callable[[dict[str, str | bytes]], Path]
DEFAULT = BaseConfig(None, None)


def test_tests_their_helpers_conftests_and_config_are_protected() -> None:
    for rel in ("tests/test_a.py", "tests/helpers.py", "tests/data/x.json", "pkg/test_b.py", "conftest.py",
                "pyproject.toml", "sub/tox.ini", "pkg/b_test.py"):  # fmt: skip
        assert is_protected(rel, DEFAULT), rel
    for rel in ("pkg/core.py", "README.md", "src/pkg/testing_utils.py", "contest.py"):
        assert not is_protected(rel, DEFAULT), rel


def test_a_new_module_under_tests_that_shadows_the_code_is_named() -> None:
    modules = {"slugkit", "app"}
    assert shadowed_module("tests/slugkit/__init__.py", modules) == "slugkit"
    assert shadowed_module("tests/app.py", modules) == "app"
    assert shadowed_module("tests/helpers.py", modules) is None
    assert shadowed_module("slugkit/tests_util.py", modules) is None


def test_stage_takes_tests_from_base_and_code_from_the_working_tree(make_repo: MakeRepo) -> None:
    repo = make_repo({"app.py": "X = 1\n", "tests/test_app.py": "def test_x():\n    pass\n"})
    write(
        repo,
        {"app.py": "X = 2\n", "tests/test_app.py": "def test_y():\n    pass\n", "conftest.py": "x = 1\n"},
    )
    staged = stage(repo)
    try:
        assert (staged.root / "app.py").read_text() == "X = 2\n"
        assert (staged.root / "tests/test_app.py").read_text() == "def test_x():\n    pass\n"
        assert not (staged.root / "conftest.py").exists()
        assert {e.path for e in staged.evidence} == {"tests/test_app.py", "conftest.py"}
    finally:
        staged.cleanup()
    assert not staged.root.exists()


def test_expectation_reads_functions_classes_and_unittest_from_the_base(make_repo: MakeRepo) -> None:
    source = (
        "import unittest, pytest\n\n"
        "def test_a():\n    pass\n\n"
        "def helper():\n    pass\n\n"
        "class TestB:\n    def test_b(self):\n        pass\n\n"
        "class TestInit:\n    def __init__(self):\n        pass\n    def test_never(self):\n        pass\n\n"
        "class Case(unittest.TestCase):\n    def test_c(self):\n        pass\n\n"
        "@pytest.mark.skip\ndef test_skipped():\n    pass\n"
    )
    repo = make_repo({"tests/test_x.py": source})
    staged = stage(repo)
    try:
        expectation = build_expectation(staged, [])
    finally:
        staged.cleanup()
    assert {t.label for t in expectation.tests} == {
        "tests/test_x.py::test_a",
        "tests/test_x.py::TestB::test_b",
        "tests/test_x.py::Case::test_c",
        "tests/test_x.py::test_skipped",
    }
    assert expectation.skip_allowed("tests/test_x.py", None, "test_skipped")
    assert not expectation.skip_allowed("tests/test_x.py", None, "test_a")


def test_python_functions_from_base_config_decide_the_expectation(make_repo: MakeRepo) -> None:
    repo = make_repo(
        {
            "pytest.ini": "[pytest]\npython_functions = check_*\n",
            "tests/test_x.py": "def check_a():\n    pass\n",
        }
    )
    staged = stage(repo)
    try:
        assert [t.name for t in build_expectation(staged, []).tests] == ["check_a"]
    finally:
        staged.cleanup()


def test_only_basic_and_named_variables_reach_the_tests(tmp_path: Path) -> None:
    env, steering, dropped = child_environment(
        {"PATH": "/bin", "FLAG": "1", "KEEP": "2", "PYTHONPATH": "/x", "PYTEST_ADDOPTS": "-p e"},
        tmp_path,
        frozenset({"KEEP"}),
    )
    assert env["PATH"] == "/bin" and env["KEEP"] == "2" and env["TMPDIR"] == str(tmp_path)
    assert "FLAG" not in env and "PYTHONPATH" not in env
    assert set(steering) == {"PYTHONPATH", "PYTEST_ADDOPTS"} and dropped == 1


def test_an_interpreter_script_inside_the_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".venv/bin").mkdir(parents=True)
    script = tmp_path / ".venv/bin/python"
    script.write_text('#!/bin/sh\nexec python3 "$@"\n')
    script.chmod(0o755)
    assert interpreter_problem(str(script), tmp_path) is not None
    link = tmp_path / ".venv/bin/python3"
    os.symlink(os.path.realpath(sys.executable), link)
    assert interpreter_problem(str(link), tmp_path) is None
    assert interpreter_problem(sys.executable, tmp_path) is None


def test_norecursedirs_patterns_match_as_pytest_matches_them() -> None:
    from oversight.verify.expected import norecurse_matches

    assert norecurse_matches("tests/corpus", "tests/corpus")
    assert norecurse_matches("a/tests/corpus", "tests/corpus")
    assert not norecurse_matches("tests/corpus2", "tests/corpus")
    assert norecurse_matches("src/build", "build")
    assert norecurse_matches(".venv", ".*")
    assert not norecurse_matches("tests", "build")
