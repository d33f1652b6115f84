"""Whole `oversight hook AGENT` processes with real stdin, a real repository and a real ledger: each agent's
event shapes get the agent's own answers, bad input is refused (never a traceback), and decisions are recorded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

OVERSIGHT = str(Path(sys.executable).with_name("oversight"))

CONFTEST_HACK = """import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
"""


class Env:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = root / "repo"
        self.ledger = root / "data" / "ledger.db"
        self.vars = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(root / "home"),
            "XDG_DATA_HOME": str(root / "data"),
            "OVERSIGHT_LEDGER": str(self.ledger),
        }

    def hook(
        self, agent: str, event: Any, *, raw: bytes | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        data = raw if raw is not None else json.dumps(event).encode()
        done = subprocess.run(
            [OVERSIGHT, "hook", agent], input=data, capture_output=True, check=False, env=self.vars | env
        )
        out = subprocess.CompletedProcess(
            done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
        )
        assert "Traceback" not in out.stderr, out.stderr
        return out

    def ledger_events(self) -> list[dict[str, Any]]:
        done = subprocess.run(
            [OVERSIGHT, "log", "show", "--format", "jsonl"],
            capture_output=True,
            text=True,
            env=self.vars,
            check=True,
        )
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture
def env(tmp_path: Path) -> Env:
    env = Env(tmp_path)
    repo = env.repo
    (repo / "tests").mkdir(parents=True)
    (repo / "monitoring").mkdir()
    (repo / "home").mkdir()
    (tmp_path / "home").mkdir()
    (repo / "oversight.toml").write_text('[guard]\ndeny = ["monitoring/**"]\nask = ["tests/**"]\n')
    (repo / "monitoring" / "alerts.py").write_text("ALERT = True\n")
    (repo / "tests" / "test_calc.py").write_text("def test_add():\n    assert 1 + 1 == 2\n")
    (repo / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "dev@example.com"],
        ["config", "user.name", "Dev"],
        ["add", "-A"],
        ["commit", "-q", "-m", "base"],
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return env


def claude(env: Env, tool: str, tool_input: dict[str, Any], event: str = "PreToolUse") -> dict[str, Any]:
    return {
        "session_id": "sess-1",
        "transcript_path": str(env.root / "t.jsonl"),
        "cwd": str(env.repo),
        "permission_mode": "default",
        "hook_event_name": event,
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_1",
    }


def test_claude_code_answers_and_records(env: Env) -> None:
    fine = env.hook("claude-code", claude(env, "Bash", {"command": "ls -la"}))
    assert (fine.returncode, fine.stdout) == (0, "")

    protected = str(env.repo / "monitoring" / "alerts.py")
    denied = env.hook(
        "claude-code", claude(env, "Write", {"file_path": protected, "content": "ALERT = False\n"})
    )
    assert denied.returncode == 2 and denied.stdout == ""
    assert "monitoring/**" in denied.stderr

    ask = env.hook(
        "claude-code",
        claude(
            env,
            "Edit",
            {"file_path": str(env.repo / "tests/test_calc.py"), "old_string": "2\n", "new_string": "3\n"},
        ),
    )
    assert ask.returncode == 0
    assert json.loads(ask.stdout)["hookSpecificOutput"]["permissionDecision"] == "ask"

    shell = env.hook("claude-code", claude(env, "Bash", {"command": f"sed -i s/True/False/ {protected}"}))
    assert shell.returncode == 2

    read = env.hook("claude-code", claude(env, "Read", {"file_path": str(env.repo / "calc.py")}))
    assert (read.returncode, read.stdout) == (0, "")

    events = [e for e in env.ledger_events() if e["kind"] == "guard"]
    outcomes = [(e["outcome"], e["agent"], e.get("session")) for e in events]
    assert outcomes == [
        ("allow", "claude-code", "sess-1"),
        ("deny", "claude-code", "sess-1"),
        ("ask", "claude-code", "sess-1"),
        ("deny", "claude-code", "sess-1"),
        ("allow", "claude-code", "sess-1"),
    ]
    assert events[1]["payload"]["rule"].startswith("deny:")
    assert events[1]["payload"]["input"]["file_path"] == protected


def test_a_write_that_adds_a_report_rewriting_conftest_is_denied_on_an_unprotected_path(env: Env) -> None:
    done = env.hook(
        "claude-code",
        claude(env, "Write", {"file_path": str(env.repo / "conftest.py"), "content": CONFTEST_HACK}),
    )
    assert done.returncode == 2 and "conftest" in done.stderr


def test_post_tool_use_feeds_findings_back_and_is_silent_when_clean(env: Env) -> None:
    (env.repo / "calc.py").write_text("def add(a, b):\n    return b + a\n")
    clean = env.hook(
        "claude-code",
        claude(env, "Write", {"file_path": str(env.repo / "calc.py"), "content": ""}, "PostToolUse"),
    )
    assert (clean.returncode, clean.stdout) == (0, "")

    (env.repo / "conftest.py").write_text(CONFTEST_HACK)
    event = claude(
        env, "Write", {"file_path": str(env.repo / "conftest.py"), "content": CONFTEST_HACK}, "PostToolUse"
    )
    event["tool_response"] = {"filePath": str(env.repo / "conftest.py"), "success": True}
    found = env.hook("claude-code", event)
    assert found.returncode == 0
    body = json.loads(found.stdout)
    assert body["decision"] == "block" and "conftest.py" in body["reason"]
    assert body["hookSpecificOutput"]["additionalContext"] == body["reason"]

    cursor = env.hook(
        "cursor",
        {
            "conversation_id": "cv",
            "hook_event_name": "afterFileEdit",
            "workspace_roots": [str(env.repo)],
            "file_path": str(env.repo / "conftest.py"),
            "edits": [{"old_string": "", "new_string": CONFTEST_HACK}],
        },
    )
    assert cursor.returncode == 0 and "conftest.py" in json.loads(cursor.stdout)["additional_context"]
    gemini = env.hook(
        "gemini",
        {
            "session_id": "g",
            "cwd": str(env.repo),
            "hook_event_name": "AfterTool",
            "tool_name": "write_file",
            "tool_input": {"file_path": "conftest.py", "content": CONFTEST_HACK},
            "tool_response": {"llmContent": "ok"},
        },
    )
    assert "conftest.py" in json.loads(gemini.stdout)["hookSpecificOutput"]["additionalContext"]
    shell = env.hook(
        "claude-code",
        claude(env, "Bash", {"command": f"cat > conftest.py <<'EOF'\n{CONFTEST_HACK}EOF"}, "PostToolUse"),
    )
    assert "conftest.py" in json.loads(shell.stdout)["reason"]
    outcomes = [e["outcome"] for e in env.ledger_events() if e["kind"] == "guard"]
    assert outcomes == ["clean", "findings", "findings", "findings", "findings"]


def test_codex_patch_and_ask_as_deny(env: Env) -> None:
    patch = "*** Begin Patch\n*** Add File: monitoring/off.py\n+ALERT = False\n*** End Patch\n"
    event = {
        "session_id": "c1",
        "turn_id": "t",
        "transcript_path": None,
        "cwd": str(env.repo),
        "hook_event_name": "PreToolUse",
        "model": "gpt-5-codex",
        "permission_mode": "default",
        "tool_name": "apply_patch",
        "tool_input": {"command": patch},
        "tool_use_id": "call_1",
    }
    assert env.hook("codex", event).returncode == 2
    ask = env.hook(
        "codex", event | {"tool_name": "Bash", "tool_input": {"command": "echo x >> tests/test_calc.py"}}
    )
    assert ask.returncode == 2 and "human" in ask.stderr
    fine = env.hook("codex", event | {"tool_name": "Bash", "tool_input": {"command": "python -m pytest -q"}})
    assert (fine.returncode, fine.stdout) == (0, "")


def test_gemini_cursor_copilot_in_their_formats(env: Env) -> None:
    gemini = {
        "session_id": "g",
        "transcript_path": "/t",
        "cwd": str(env.repo),
        "hook_event_name": "BeforeTool",
        "timestamp": "2026-11-24T10:00:00Z",
        "tool_name": "write_file",
        "tool_input": {"file_path": str(env.repo / "monitoring/alerts.py"), "content": "x"},
    }
    assert env.hook("gemini", gemini).returncode == 2
    assert (
        env.hook("gemini", gemini | {"tool_input": {"file_path": "new.py", "content": "x = 1\n"}}).returncode
        == 0
    )

    cursor = {
        "conversation_id": "cv",
        "generation_id": "g",
        "hook_event_name": "beforeShellExecution",
        "workspace_roots": [str(env.repo)],
        "command": "rm -rf monitoring",
        "cwd": str(env.repo),
    }
    denied = env.hook("cursor", cursor)
    assert denied.returncode == 2 and json.loads(denied.stdout)["permission"] == "deny"
    fine = env.hook("cursor", cursor | {"command": "git status"})
    assert (fine.returncode, json.loads(fine.stdout)) == (0, {})

    copilot = {
        "timestamp": 1704614600000,
        "cwd": str(env.repo),
        "toolName": "create",
        "toolArgs": json.dumps({"path": str(env.repo / "monitoring/new.py"), "file_text": "x"}),
    }
    answer = env.hook("copilot", copilot)
    assert answer.returncode == 0 and json.loads(answer.stdout)["permissionDecision"] == "deny"
    quiet = env.hook("copilot", copilot | {"toolName": "bash", "toolArgs": json.dumps({"command": "ls"})})
    assert (quiet.returncode, quiet.stdout) == (0, "")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\x00\x01\x02binary\xff", "binary"),
        (b'{"hook_event_name": "PreToolUse", "tool_name": "Write"}\xff', "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b"", "no event"),
        (b"[" * 100_000 + b"]" * 100_000, "internal error"),
    ],
)
def test_bad_input_is_denied_in_one_line(env: Env, raw: bytes, reason: str) -> None:
    done = env.hook("claude-code", None, raw=raw)
    assert done.returncode == 2 and reason in done.stderr


def test_oversized_input_is_denied_without_reading_it_all(env: Env) -> None:
    event = claude(env, "Write", {"file_path": str(env.repo / "big.txt"), "content": "a" * 50_000_000})
    start = time.monotonic()
    done = env.hook("claude-code", event)
    assert done.returncode == 2 and "larger than" in done.stderr
    assert time.monotonic() - start < 20


@pytest.mark.parametrize("bad", ["a\u0000b.py", "a\nb.py", "tests\r/x.py"])
def test_paths_with_nul_or_newline_are_denied(env: Env, bad: str) -> None:
    done = env.hook("claude-code", claude(env, "Write", {"file_path": str(env.repo / bad), "content": "x"}))
    assert done.returncode == 2 and "NUL or newline" in done.stderr


def test_unknown_events_and_tools(env: Env) -> None:
    unknown = env.hook(
        "claude-code", {"hook_event_name": "BrandNewEvent", "session_id": "s", "cwd": str(env.repo)}
    )
    assert unknown.returncode == 2 and "unknown" in unknown.stderr
    passive = env.hook(
        "claude-code", {"hook_event_name": "SessionStart", "session_id": "s", "cwd": str(env.repo)}
    )
    assert (passive.returncode, passive.stdout, passive.stderr) == (0, "", "")
    writer = env.hook(
        "claude-code", claude(env, "mcp__fs__write_file", {"path": "notes.txt", "content": "x"})
    )
    assert writer.returncode == 2 and "mcp__fs__write_file" in writer.stderr
    search = env.hook("claude-code", claude(env, "mcp__web__search", {"query": "python"}))
    assert (search.returncode, search.stdout) == (0, "")


def test_a_broken_policy_or_a_crashing_decide_denies(env: Env) -> None:
    (env.repo / "oversight.toml").write_text("[guard\ndeny = 3\n")
    broken = env.hook("claude-code", claude(env, "Bash", {"command": "ls"}))
    assert broken.returncode == 2 and "policy" in broken.stderr
    (env.repo / "oversight.toml").write_text('[guard]\ndeny = ["monitoring/**"]\n')

    crash = (
        "import sys, oversight.guard.decide as d\n"
        "def boom(action, policy):\n    raise RuntimeError('boom')\n"
        "d.decide = boom\n"
        "from oversight.guard.hook import main\n"
        "sys.exit(main(['claude-code']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", crash],
        input=json.dumps(claude(env, "Bash", {"command": "ls"})),
        capture_output=True,
        text=True,
        env=env.vars,
        check=False,
    )
    assert done.returncode == 2 and "boom" in done.stderr and "Traceback" not in done.stderr


def test_an_unreachable_ledger_changes_nothing_but_is_said(env: Env) -> None:
    blocker = env.root / "not-a-folder"
    blocker.write_text("")
    ledger = str(blocker / "ledger.db")
    fine = env.hook("claude-code", claude(env, "Bash", {"command": "ls"}), OVERSIGHT_LEDGER=ledger)
    assert fine.returncode == 0 and fine.stdout == "" and "not recorded" in fine.stderr
    protected = str(env.repo / "monitoring" / "alerts.py")
    denied = env.hook(
        "claude-code", claude(env, "Write", {"file_path": protected, "content": ""}), OVERSIGHT_LEDGER=ledger
    )
    assert denied.returncode == 2 and "monitoring/**" in denied.stderr and "not recorded" in denied.stderr


def test_usage_errors(env: Env) -> None:
    done = subprocess.run([OVERSIGHT, "hook", "vim"], input="{}", capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "usage" in done.stderr
