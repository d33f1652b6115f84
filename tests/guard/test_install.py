"""`oversight install`: merges hook configuration into real settings files idempotently, keeps the user's
own settings and hooks, refuses broken files untouched, and chains git hooks in a real repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

OVERSIGHT = str(Path(sys.executable).with_name("oversight"))


def install(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [OVERSIGHT, "install", *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=check)


def test_claude_code_merges_with_user_settings_and_is_idempotent(tmp_path: Path) -> None:
    settings = tmp_path / ".claude" / "settings.json"
    settings.parent.mkdir()
    theirs: dict[str, Any] = {
        "model": "opus",
        "permissions": {"allow": ["Bash(npm test)"]},
        "hooks": {
            "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./lint.sh"}]}]
        },
    }
    settings.write_text(json.dumps(theirs))

    first = install("claude-code", "--path", str(tmp_path), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    data = json.loads(settings.read_text())
    assert data["model"] == "opus" and data["permissions"] == theirs["permissions"]
    pre = data["hooks"]["PreToolUse"]
    assert pre[0] == theirs["hooks"]["PreToolUse"][0]
    ours = pre[1]
    assert ours["matcher"] == "*"
    assert ours["hooks"][0]["command"] == f"{OVERSIGHT} hook claude-code"
    assert ours["hooks"][0]["timeout"] > 0
    assert "Write" in data["hooks"]["PostToolUse"][0]["matcher"]

    text = settings.read_text()
    again = install("claude-code", "--path", str(tmp_path), cwd=tmp_path)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert settings.read_text() == text


def test_a_moved_oversight_is_updated_in_place_not_added_twice(tmp_path: Path) -> None:
    assert install("codex", "--command", "/old/bin/oversight", cwd=tmp_path).returncode == 0
    assert install("codex", "--command", "/new/bin/oversight", cwd=tmp_path).returncode == 0
    data = json.loads((tmp_path / ".codex" / "hooks.json").read_text())
    commands = [h["command"] for group in data["hooks"]["PreToolUse"] for h in group["hooks"]]
    assert commands == ["/new/bin/oversight hook codex"]
    assert "matcher" not in data["hooks"]["PreToolUse"][0]  # every tool


def test_invalid_json_is_left_untouched_with_one_line_error(tmp_path: Path) -> None:
    settings = tmp_path / ".gemini" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"theme": "dark",,}')
    done = install("gemini", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not valid JSON" in done.stderr and "Traceback" not in done.stderr
    assert settings.read_text() == '{"theme": "dark",,}'


def test_gemini_cursor_copilot_shapes(tmp_path: Path) -> None:
    for target in ("gemini", "cursor", "copilot"):
        done = install(target, "--command", "/opt/oversight", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    gemini = json.loads((tmp_path / ".gemini" / "settings.json").read_text())
    before = gemini["hooks"]["BeforeTool"][0]
    assert before["matcher"] == ".*" and before["hooks"][0]["timeout"] >= 1000  # milliseconds

    cursor_file = tmp_path / ".cursor" / "hooks.json"
    cursor = json.loads(cursor_file.read_text())
    assert cursor["version"] == 1
    for event in ("preToolUse", "beforeShellExecution", "beforeMCPExecution", "beforeReadFile"):
        assert cursor["hooks"][event] == [
            {"command": "/opt/oversight hook cursor", "timeout": 30, "failClosed": True}
        ]
    assert cursor["hooks"]["afterFileEdit"][0]["command"] == "/opt/oversight hook cursor"

    copilot = json.loads((tmp_path / ".github" / "hooks" / "oversight.json").read_text())
    assert copilot["version"] == 1
    assert copilot["hooks"]["preToolUse"][0]["bash"] == "/opt/oversight hook copilot"
    assert copilot["hooks"]["preToolUse"][0]["type"] == "command"


def test_cursor_keeps_other_hooks_and_user_scope_uses_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".cursor").mkdir(parents=True)
    (home / ".cursor" / "hooks.json").write_text(
        json.dumps({"version": 1, "hooks": {"afterFileEdit": [{"command": "./format.sh"}]}})
    )
    env = {**os.environ, "HOME": str(home)}
    assert install("cursor", "--user", "--command", "oversight", cwd=tmp_path, env=env).returncode == 0
    data = json.loads((home / ".cursor" / "hooks.json").read_text())
    assert data["hooks"]["afterFileEdit"][0] == {"command": "./format.sh"}
    assert len(data["hooks"]["afterFileEdit"]) == 2
    assert not (tmp_path / ".cursor").exists()


def test_bad_usage_is_a_one_line_error(tmp_path: Path) -> None:
    assert install("copilot", "--user", cwd=tmp_path).returncode == 2
    done = install("git", "--path", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2 and "not a git repository" in done.stderr
    assert install("vim", cwd=tmp_path).returncode == 2


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    (repo / "tests").mkdir()
    (repo / "tests" / "test_calc.py").write_text("def test_add():\n    assert 1 + 1 == 2\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


CONFTEST_HACK = """import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
"""


def test_git_pre_commit_blocks_a_report_rewriting_conftest_and_lets_honest_commits_through(
    repo: Path,
) -> None:
    done = install("git", "--path", str(repo), cwd=repo)
    assert done.returncode == 0, done.stderr
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK) and OVERSIGHT in hook.read_text()

    (repo / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    git(repo, "add", "calc.py")
    honest = git(repo, "commit", "-q", "-m", "add calc", check=False)
    assert honest.returncode == 0, honest.stderr

    (repo / "conftest.py").write_text(CONFTEST_HACK)
    git(repo, "add", "conftest.py")
    hack = git(repo, "commit", "-q", "-m", "make tests pass", check=False)
    assert hack.returncode != 0
    assert "commit refused" in hack.stderr
    assert git(repo, "log", "--format=%s").stdout.split("\n")[0] == "add calc"


def test_git_chains_an_existing_hook_and_respects_core_hooks_path(repo: Path) -> None:
    hooks = repo / "githooks"
    hooks.mkdir()
    git(repo, "config", "core.hooksPath", "githooks")
    theirs = hooks / "pre-commit"
    theirs.write_text(f"#!/bin/sh\necho ran >> {repo / 'theirs.log'}\nexit 0\n")
    theirs.chmod(0o755)

    assert install("git", "--path", str(repo), cwd=repo).returncode == 0
    assert (hooks / "pre-commit.local").read_text().startswith("#!/bin/sh\necho ran")
    assert "oversight install git" in (hooks / "pre-commit").read_text()
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    text = (hooks / "pre-commit").read_text()

    again = install("git", "--path", str(repo), cwd=repo)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert (hooks / "pre-commit").read_text() == text

    (repo / "x.py").write_text("x = 1\n")
    git(repo, "add", "x.py")
    assert git(repo, "commit", "-q", "-m", "x", check=False).returncode == 0
    assert (repo / "theirs.log").read_text() == "ran\n"

    theirs_fails = hooks / "pre-commit.local"
    theirs_fails.write_text("#!/bin/sh\nexit 7\n")
    (repo / "y.py").write_text("y = 1\n")
    git(repo, "add", "y.py")
    assert git(repo, "commit", "-q", "-m", "y", check=False).returncode != 0


def test_pre_push_scans_the_pushed_commits(repo: Path, make_remote: Callable[[Path], Path]) -> None:
    remote = make_remote(repo)
    assert install("git", "--path", str(repo), cwd=repo).returncode == 0
    (repo / "conftest.py").write_text(CONFTEST_HACK)
    git(repo, "add", "conftest.py")
    git(repo, "commit", "-q", "--no-verify", "-m", "sneak past pre-commit")
    pushed = git(repo, "push", "-q", "origin", "main", check=False)
    assert pushed.returncode != 0 and "push refused" in pushed.stderr
    assert git(remote, "log", "--format=%s", "main").stdout.strip() == "base"


@pytest.fixture
def make_remote(tmp_path: Path) -> Callable[[Path], Path]:
    def factory(repo: Path) -> Path:
        remote = tmp_path / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
        git(repo, "remote", "add", "origin", str(remote))
        git(repo, "push", "-q", "origin", "main")
        return remote

    return factory
