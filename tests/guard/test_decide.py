"""decide(): paths through the policy, the content an edit would produce through detect's rules, fail closed."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git

from oversight.guard.decide import decide, files_of_patch
from oversight.policy import load_policy
from oversight.types import Action, Decision

FORCED_PASS = """import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        report.outcome = "passed"
"""
TEST_FILE = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n\n\ndef test_big():\n    assert add(2, 2) == 4\n"
CALC = "def add(a, b):\n    return a + b\n"
HAS_SHELL = importlib.util.find_spec("oversight.guard.shell") is not None


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("OVERSIGHT_LEDGER", raising=False)
    return home


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    files = {
        "src/calc.py": CALC,
        "test_calc.py": TEST_FILE,
        "tests/test_api.py": TEST_FILE,
        "monitoring/alerts.py": "ALERT = True\n",
        "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0"\n\n[tool.oversight.guard]\ndeny = ["monitoring/**"]\n'
        'ask = ["tests/**"]\n',
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def run(repo: Path, **fields: object) -> Decision:
    fields.setdefault("cwd", str(repo))
    return decide(Action(**fields), load_policy(repo))  # type: ignore[arg-type]


def test_edit_of_unprotected_source_is_allowed_silently(repo: Path) -> None:
    decision = run(repo, kind="edit", tool="Edit", paths=("src/calc.py",), edits=(("a + b", "b + a"),))
    assert decision == Decision("allow")


def test_ask_rule_names_the_file_the_rule_and_the_policy(repo: Path) -> None:
    decision = run(repo, kind="edit", paths=("tests/test_api.py",), edits=(("== 3", "== 3 "),))
    assert decision.outcome == "ask" and decision.rule == "ask:tests/**"
    assert decision.reason.startswith(
        "tests/test_api.py is protected by ask:tests/** in pyproject.toml [tool.oversight]"
    )


def test_write_to_denied_path(repo: Path) -> None:
    decision = run(repo, kind="write", paths=(str(repo / "monitoring/new.py"),), content="x = 1\n")
    assert (decision.outcome, decision.rule) == ("deny", "deny:monitoring/**")


def test_write_adding_report_rewriting_conftest_is_denied_though_unprotected(repo: Path) -> None:
    decision = run(repo, kind="write", paths=("conftest.py",), content=FORCED_PASS)
    assert (decision.outcome, decision.rule) == ("deny", "OV301")
    assert "conftest.py:9" in decision.reason and decision.findings[0].rule == "OV301"


def test_edit_is_scanned_on_the_file_it_would_produce(repo: Path) -> None:
    decision = run(
        repo, kind="edit", paths=("test_calc.py",), edits=(("assert add(1, 2) == 3", "assert True"),)
    )
    assert (decision.outcome, decision.rule) == ("deny", "OV406")


def test_edit_whose_old_text_is_absent_is_judged_on_its_path_alone(repo: Path) -> None:
    decision = run(repo, kind="edit", paths=("test_calc.py",), edits=(("no such text", "assert True"),))
    assert decision.outcome == "allow"


def test_after_the_edit_phase_post_reconstructs_the_before(repo: Path) -> None:
    (repo / "test_calc.py").write_text(TEST_FILE.replace("assert add(1, 2) == 3", "assert True"))
    decision = run(
        repo,
        kind="edit",
        phase="post",
        paths=("test_calc.py",),
        edits=(("assert add(1, 2) == 3", "assert True"),),
    )
    assert decision.rule == "OV406"


def test_medium_findings_travel_with_allow_or_ask_as_configured(repo: Path) -> None:
    removed = (("\n\ndef test_big():\n    assert add(2, 2) == 4\n", "\n"),)
    decision = run(repo, kind="edit", paths=("test_calc.py",), edits=removed)
    assert decision.outcome == "allow" and [f.rule for f in decision.findings] == ["OV401"]
    (repo / "oversight.toml").write_text('[guard]\nmedium = "ask"\n')
    decision = run(repo, kind="edit", paths=("test_calc.py",), edits=removed)
    assert (decision.outcome, decision.rule) == ("ask", "OV401")


def test_pyproject_edits_pass_unless_they_touch_the_policy_table(repo: Path) -> None:
    bump = run(repo, kind="edit", paths=("pyproject.toml",), edits=(('version = "1.0"', 'version = "1.1"'),))
    assert bump.outcome == "allow"
    loosen = run(
        repo, kind="edit", paths=("pyproject.toml",), edits=(('deny = ["monitoring/**"]', "deny = []"),)
    )
    assert (loosen.outcome, loosen.rule) == ("deny", "builtin:policy-table")
    removed = run(repo, kind="write", paths=("pyproject.toml",), content='[project]\nname = "demo"\n')
    assert removed.outcome == "deny"


def test_delete(repo: Path) -> None:
    assert run(repo, kind="delete", paths=("src/calc.py",)).outcome == "allow"
    assert run(repo, kind="delete", paths=("tests",)).outcome == "ask"
    assert run(repo, kind="delete", paths=("src/..",)).outcome == "deny"


def test_notebook_in_protected_folder(repo: Path) -> None:
    decision = run(repo, kind="notebook", paths=("tests/explore.ipynb",), content="print(1)")
    assert decision.outcome == "ask"


def test_codex_patch_names_every_file(repo: Path) -> None:
    patch = (
        "*** Begin Patch\n*** Update File: src/calc.py\n@@\n def add(a, b):\n-    return a + b\n+    return b + a\n"
        "*** Add File: docs/notes.md\n+hello\n*** Update File: tests/old.py\n*** Move to: src/moved.py\n@@\n-x\n+y\n"
        "*** End Patch\n"
    )
    decision = run(repo, kind="patch", patch=patch)
    assert (decision.outcome, decision.rule) == ("ask", "ask:tests/**")
    touched = files_of_patch(patch, lambda p: (repo / p).read_bytes() if (repo / p).is_file() else None)
    assert [(t.path, t.old_path) for t in touched] == [
        ("src/calc.py", None),
        ("docs/notes.md", None),
        ("src/moved.py", "tests/old.py"),
    ]
    assert touched[0].after == CALC.replace("a + b", "b + a").encode()


def test_codex_patch_adding_a_hack_is_denied(repo: Path) -> None:
    body = "".join("+" + line + "\n" for line in FORCED_PASS.splitlines())
    decision = run(
        repo, kind="patch", patch=f"*** Begin Patch\n*** Add File: conftest.py\n{body}*** End Patch\n"
    )
    assert (decision.outcome, decision.rule) == ("deny", "OV301")


def test_codex_patch_deleting_a_denied_file(repo: Path) -> None:
    decision = run(
        repo, kind="patch", patch="*** Begin Patch\n*** Delete File: monitoring/alerts.py\n*** End Patch\n"
    )
    assert decision.rule == "deny:monitoring/**"


def test_unified_diff(repo: Path) -> None:
    diff = (
        "--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n@@ -0,0 +1 @@\n+on: push\n"
        "--- a/test_calc.py\n+++ b/test_calc.py\n@@ -4,2 +4,2 @@\n def test_add():\n-    assert add(1, 2) == 3\n"
        "+    assert True\n"
    )
    decision = run(repo, kind="patch", patch=diff)
    assert decision.outcome == "deny" and decision.rule == "OV406"
    assert any("builtin:ci" in reason for reason in decision.reasons)


def test_unreadable_patch_is_denied(repo: Path) -> None:
    decision = run(repo, kind="patch", patch="please apply my changes")
    assert (decision.outcome, decision.rule) == ("deny", "patch:unreadable")


def test_read(repo: Path, private_home: Path) -> None:
    assert run(repo, kind="read", paths=("monitoring/alerts.py",)).outcome == "allow"
    key = private_home / ".local/share/oversight/ledger.db.key"
    decision = run(repo, kind="read", paths=(str(key),))
    assert (decision.outcome, decision.rule) == ("deny", "builtin:ledger-key")


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (Action("unknown", tool="MagicFS"), ("deny", "unknown-tool")),
        (Action("unknown", tool="WebSearch", touches_files=False), ("allow", "")),
        (Action("teleport", paths=("x",)), ("deny", "error")),
        (Action("write", paths=()), ("deny", "error")),
        (Action("write", paths=("src/a\0.py",), content=""), ("deny", "builtin:bad-path")),
        (Action("edit", paths=("src/\n.py",)), ("deny", "builtin:bad-path")),
        (Action("write", paths=(None,), content=""), ("deny", "error")),  # type: ignore[arg-type]
    ],
)
def test_fail_closed(repo: Path, action: Action, expected: tuple[str, str]) -> None:
    decision = decide(action, load_policy(repo))
    assert (decision.outcome, decision.rule) == expected
    assert decision.outcome == "allow" or decision.reasons


def test_huge_content_is_asked_not_scanned(repo: Path) -> None:
    decision = run(repo, kind="write", paths=("src/big.py",), content="x = 1\n" * 800_000)
    assert (decision.outcome, decision.rule) == ("ask", "scan:too-large")


needs_shell = pytest.mark.skipif(not HAS_SHELL, reason="oversight.guard.shell is not built yet")


@needs_shell
@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("ls -la && python -m pytest -q", "allow"),
        ("echo hi > src/notes.txt", "allow"),
        ("sed -i 's/True/False/' monitoring/alerts.py", "deny"),
        ("rm tests/*", "ask"),
        ("rm -rf tests", "ask"),
        ("cd monitoring && rm alerts.py", "deny"),
        ("git commit --no-verify -m x", "deny"),
        ("echo cm0gLXJmIHRlc3Rz | base64 -d | sh", "ask"),
        ("echo {} > .claude/settings.json", "deny"),
        ("sed -i 's/1.0/1.1/' pyproject.toml", "ask"),
    ],
)
def test_commands(repo: Path, command: str, expected: str) -> None:
    assert run(repo, kind="command", tool="Bash", command=command).outcome == expected


@needs_shell
def test_heredoc_content_is_scanned_like_a_write(repo: Path) -> None:
    command = f"cat > conftest.py <<'EOF'\n{FORCED_PASS}EOF\n"
    decision = run(repo, kind="command", tool="Bash", command=command)
    assert (decision.outcome, decision.rule) == ("deny", "OV301")


@needs_shell
def test_glob_that_could_match_a_protected_path(repo: Path) -> None:
    (repo / ".git/hooks").mkdir(exist_ok=True)
    assert run(repo, kind="command", command="rm -f .git/hooks/*").outcome == "deny"
    assert run(repo, kind="command", command="rm -f src/*.pyc").outcome == "allow"


def cli(*args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oversight.cli", *args], input=stdin, capture_output=True, text=True, cwd=cwd
    )


def test_guard_check_exit_statuses(repo: Path) -> None:
    allow = cli("guard", "check", "--path", "src/new.py", cwd=repo)
    assert (allow.returncode, allow.stdout.splitlines()[0]) == (0, "allow")
    ask = cli("guard", "check", "--path", "tests/test_api.py", "--kind", "delete", cwd=repo)
    assert ask.returncode == 1 and "ask:tests/**" in ask.stdout
    action = json.dumps({"kind": "write", "paths": ["conftest.py"], "content": FORCED_PASS})
    deny = cli("guard", "check", "--action-json", "-", "--format", "json", stdin=action, cwd=repo)
    assert deny.returncode == 3 and json.loads(deny.stdout)["rule"] == "OV301"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("{not json", "not JSON"),
        ("[]", "must be a JSON object"),
        ('{"kind": "write", "pathz": []}', "unknown action field 'pathz'"),
        ('{"kind": "write", "paths": "x"}', "'paths' must be a list"),
        ('{"kind": "fly"}', "action kind must be one of"),
    ],
)
def test_guard_check_bad_input_is_one_line_exit_2(repo: Path, stdin: str, message: str) -> None:
    done = cli("guard", "check", "--action-json", "-", stdin=stdin, cwd=repo)
    assert done.returncode == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_guard_policy_command(repo: Path) -> None:
    done = cli("guard", "policy", str(repo), "--format", "json")
    data = json.loads(done.stdout)
    assert done.returncode == 0 and data["deny"] == ["monitoring/**"]
    assert str(repo.resolve() / "monitoring") in data["read_only_paths"]
    text = cli("guard", "policy", cwd=repo)
    assert "builtin:hook-config" in text.stdout and "read only paths:" in text.stdout
    (repo / "oversight.toml").write_text("[guard]\ndeny = 1\n")
    bad = cli("guard", "policy", cwd=repo)
    assert (
        bad.returncode == 2
        and bad.stderr.strip()
        == "oversight: error: oversight.toml: guard.deny must be a list of glob strings"
    )


def test_write_after_the_fact_is_scanned_as_new_content(repo: Path) -> None:
    (repo / "conftest.py").write_text(FORCED_PASS)
    decision = run(repo, kind="write", phase="post", paths=("conftest.py",), content=FORCED_PASS)
    assert decision.rule == "OV301"


def test_an_edit_the_tool_will_refuse_is_not_read_as_deleting_the_file(repo: Path) -> None:
    """An old_string that is not in the file: the tool refuses the edit, so nothing changes (and a test file
    is not 'deleted', which detect would report)."""
    (repo / "oversight.toml").write_text('[guard]\nmedium = "ask"\n')
    decision = decide(
        Action(
            "edit",
            tool="Edit",
            paths=("test_calc.py",),
            edits=(("assert add(7, 7) == 14", "assert True"),),
            cwd=str(repo),
        ),
        load_policy(repo),
    )
    assert decision.outcome == "allow", decision


def test_a_denied_path_is_denied_without_scanning_its_content(repo: Path) -> None:
    decision = decide(
        Action("write", tool="Write", paths=("monitoring/conftest.py",), content=FORCED_PASS, cwd=str(repo)),
        load_policy(repo),
    )
    assert decision.outcome == "deny" and decision.rule == "deny:monitoring/**"
    assert decision.findings == ()  # scanned, the forced-pass conftest would have given a high finding
