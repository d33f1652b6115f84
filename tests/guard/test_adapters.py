"""Each agent's real hook events become the right Actions, and each Decision the agent's own answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from oversight.guard.adapters import claude_code, codex, copilot, cursor, gemini
from oversight.guard.adapters.common import PASSIVE, POST, PRE, UNKNOWN, BadEvent
from oversight.types import Decision

DENY = Decision("deny", ("protected path tests/test_x.py",), "deny:tests/**")
ASK = Decision("ask", ("tests need a human",), "ask:tests/**")
ALLOW = Decision("allow")


def claude_event(tool: str, tool_input: dict[str, Any], event: str = "PreToolUse") -> dict[str, Any]:
    return {
        "session_id": "abc123",
        "transcript_path": "/home/u/.claude/projects/p/abc123.jsonl",
        "cwd": "/work/repo",
        "permission_mode": "default",
        "hook_event_name": event,
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_01",
    }


# --- Claude Code -----------------------------------------------------------------------------------------


def test_claude_write_edit_multiedit_notebook_bash_read() -> None:
    write = claude_code.to_request(
        claude_event("Write", {"file_path": "/work/repo/a.py", "content": "x = 1\n"})
    )
    assert write.phase == PRE and write.session == "abc123" and write.cwd == "/work/repo"
    (action,) = write.actions
    assert (action.kind, action.paths, action.content, action.agent) == (
        "write",
        ("/work/repo/a.py",),
        "x = 1\n",
        "claude-code",
    )

    edit = claude_code.to_actions(
        claude_event(
            "Edit", {"file_path": "/r/a.py", "old_string": "a", "new_string": "b", "replace_all": False}
        )
    )
    assert edit[0].kind == "edit" and edit[0].edits == (("a", "b"),)

    multi = claude_code.to_actions(
        claude_event(
            "MultiEdit",
            {
                "file_path": "/r/a.py",
                "edits": [{"old_string": "a", "new_string": "b"}, {"old_string": "c", "new_string": "d"}],
            },
        )
    )
    assert multi[0].edits == (("a", "b"), ("c", "d"))

    notebook = claude_code.to_actions(
        claude_event(
            "NotebookEdit", {"notebook_path": "/r/n.ipynb", "new_source": "print(1)", "cell_id": "c1"}
        )
    )
    assert (notebook[0].kind, notebook[0].paths, notebook[0].content) == (
        "notebook",
        ("/r/n.ipynb",),
        "print(1)",
    )

    bash = claude_code.to_actions(
        claude_event("Bash", {"command": "sed -i s/a/b/ tests/t.py", "description": "d"})
    )
    assert (bash[0].kind, bash[0].command) == ("command", "sed -i s/a/b/ tests/t.py")

    read = claude_code.to_actions(claude_event("Read", {"file_path": "/r/secret.key"}))
    assert (read[0].kind, read[0].paths) == ("read", ("/r/secret.key",))


def test_claude_unknown_tools_touch_files_only_when_their_arguments_name_a_path() -> None:
    (mcp_write,) = claude_code.to_actions(
        claude_event("mcp__fs__write_file", {"path": "/r/monitoring/x", "content": "y"})
    )
    assert mcp_write.kind == "unknown" and mcp_write.touches_files and mcp_write.paths == ("/r/monitoring/x",)
    (mcp_search,) = claude_code.to_actions(claude_event("mcp__web__search", {"query": "python"}))
    assert mcp_search.kind == "unknown" and not mcp_search.touches_files
    (web,) = claude_code.to_actions(claude_event("WebFetch", {"url": "https://x", "prompt": "p"}))
    assert not web.touches_files


@pytest.mark.parametrize(
    "tool_input",
    [
        {"file_path": "/r/a\0b", "content": "x"},
        {"file_path": "/r/a\nb", "content": "x"},
        {"file_path": 7, "content": "x"},
        {"content": "x"},
        {"file_path": "/r/a", "content": ["x"]},
    ],
)
def test_claude_bad_write_inputs_are_bad_events(tool_input: dict[str, Any]) -> None:
    with pytest.raises(BadEvent):
        claude_code.to_request(claude_event("Write", tool_input))


def test_claude_events_by_phase() -> None:
    assert claude_code.to_request({"hook_event_name": "Stop", "session_id": "s"}).phase == PASSIVE
    assert claude_code.to_request({"hook_event_name": "SomethingNew"}).phase == UNKNOWN
    post = claude_event("Edit", {"file_path": "/r/a", "old_string": "a", "new_string": "b"}, "PostToolUse")
    post["tool_response"] = {"filePath": "/r/a", "success": True}
    request = claude_code.to_request(post)
    assert request.phase == POST and request.actions[0].phase == "post"


def test_claude_answers() -> None:
    request = claude_code.to_request(claude_event("Write", {"file_path": "/r/t.py", "content": ""}))
    assert claude_code.answer(ALLOW, request) == (0, "", "")
    deny = claude_code.answer(DENY, request)
    assert (
        deny.status == 2
        and deny.stdout == ""
        and "tests/test_x.py" in deny.stderr
        and "deny:tests/**" in deny.stderr
    )
    ask = claude_code.answer(ASK, request)
    body = json.loads(ask.stdout)["hookSpecificOutput"]
    assert ask.status == 0
    assert body["hookEventName"] == "PreToolUse" and body["permissionDecision"] == "ask"
    assert "tests need a human" in body["permissionDecisionReason"]

    post = claude_code.to_request(
        claude_event("Write", {"file_path": "/r/t.py", "content": ""}, "PostToolUse")
    )
    assert claude_code.answer(ALLOW, post) == (0, "", "")
    found = Decision("deny", ("OV101 conftest rewrites reports (high) conftest.py:3: ...",), "OV101")
    feedback = json.loads(claude_code.answer(found, post).stdout)
    assert feedback["decision"] == "block" and "OV101" in feedback["reason"]
    assert feedback["hookSpecificOutput"] == {
        "hookEventName": "PostToolUse",
        "additionalContext": feedback["reason"],
    }


# --- Codex -------------------------------------------------------------------------------------------------


def codex_event(tool: str, tool_input: Any, event: str = "PreToolUse") -> dict[str, Any]:
    return {
        "session_id": "0199",
        "turn_id": "t1",
        "transcript_path": None,
        "cwd": "/work/repo",
        "hook_event_name": event,
        "model": "gpt-5-codex",
        "permission_mode": "default",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "call_1",
    }


PATCH = """*** Begin Patch
*** Add File: tests/conftest.py
+import pytest
+x = 1
*** Update File: src/app.py
@@ def f():
-    return 1
+    return 2
*** Delete File: old.py
*** Update File: a.py
*** Move to: b.py
@@
-a
+b
*** End Patch
"""


def test_codex_bash_and_apply_patch() -> None:
    (bash,) = codex.to_actions(codex_event("Bash", {"command": "rm -rf monitoring"}))
    assert (bash.kind, bash.command, bash.agent) == ("command", "rm -rf monitoring", "codex")
    (legacy,) = codex.to_actions(codex_event("shell", {"command": ["bash", "-lc", "echo hi > f"]}))
    assert legacy.command == "echo hi > f"

    (whole,) = codex.to_actions(codex_event("apply_patch", {"command": PATCH}))
    assert whole.kind == "patch" and whole.patch == PATCH
    assert whole.paths == ("tests/conftest.py", "src/app.py", "old.py", "a.py", "b.py")
    with pytest.raises(BadEvent):
        codex.to_request(codex_event("apply_patch", {"command": PATCH.replace("old.py", "old\0.py")}))


def test_codex_refuses_a_patch_that_names_no_file_and_answers_ask_as_deny() -> None:
    with pytest.raises(BadEvent):
        codex.to_request(codex_event("apply_patch", {"command": "echo not a patch"}))
    request = codex.to_request(codex_event("Bash", {"command": "ls"}))
    assert codex.answer(ALLOW, request) == (0, "", "")
    ask = codex.answer(ASK, request)
    assert ask.status == 2 and "human" in ask.stderr and ask.stdout == ""
    assert codex.to_request({"hook_event_name": "SessionStart", "session_id": "s"}).phase == PASSIVE


# --- Gemini ------------------------------------------------------------------------------------------------


def gemini_event(tool: str, tool_input: dict[str, Any], event: str = "BeforeTool") -> dict[str, Any]:
    return {
        "session_id": "g1",
        "transcript_path": "/home/u/.gemini/tmp/chat.json",
        "cwd": "/work/repo",
        "hook_event_name": event,
        "timestamp": "2026-11-24T10:00:00Z",
        "tool_name": tool,
        "tool_input": tool_input,
    }


def test_gemini_tools_and_answers() -> None:
    (write,) = gemini.to_actions(gemini_event("write_file", {"file_path": "/r/a.py", "content": "c"}))
    assert (write.kind, write.paths, write.content) == ("write", ("/r/a.py",), "c")
    (replace,) = gemini.to_actions(
        gemini_event(
            "replace", {"file_path": "/r/a.py", "old_string": "o", "new_string": "n", "instruction": "i"}
        )
    )
    assert replace.edits == (("o", "n"),)
    (shell,) = gemini.to_actions(gemini_event("run_shell_command", {"command": "make", "dir_path": "sub"}))
    assert (shell.command, shell.cwd) == ("make", "/work/repo/sub")
    (read,) = gemini.to_actions(gemini_event("read_many_files", {"paths": ["a.py", "b.py"]}))
    assert read.kind == "read" and read.paths == ("a.py", "b.py")

    request = gemini.to_request(gemini_event("write_file", {"file_path": "/r/a.py", "content": "c"}))
    assert gemini.answer(ALLOW, request) == (0, "", "")
    assert gemini.answer(DENY, request).status == 2
    assert gemini.answer(ASK, request).status == 2
    post = gemini.to_request(
        gemini_event("write_file", {"file_path": "/r/a.py", "content": "c"}, "AfterTool")
    )
    body = json.loads(gemini.answer(Decision("deny", ("OV101 ...",), "OV101"), post).stdout)
    assert body["hookSpecificOutput"]["hookEventName"] == "AfterTool"
    assert "OV101" in body["hookSpecificOutput"]["additionalContext"]
    assert gemini.to_request({"hook_event_name": "BeforeModel"}).phase == PASSIVE


# --- Cursor ------------------------------------------------------------------------------------------------

CURSOR_BASE = {
    "conversation_id": "conv-1",
    "generation_id": "gen-1",
    "model": "claude-4.5-sonnet",
    "cursor_version": "2.1.0",
    "workspace_roots": ["/work/repo"],
    "user_email": None,
}


def test_cursor_events() -> None:
    shell = cursor.to_request(
        CURSOR_BASE
        | {"hook_event_name": "beforeShellExecution", "command": "git push", "cwd": "/work/repo/sub"}
    )
    assert (
        shell.phase == PRE
        and shell.actions[0].command == "git push"
        and shell.actions[0].cwd == "/work/repo/sub"
    )
    assert shell.session == "conv-1"

    read = cursor.to_request(
        CURSOR_BASE
        | {"hook_event_name": "beforeReadFile", "file_path": "/r/.env", "content": "K=V", "attachments": []}
    )
    assert read.actions[0].kind == "read" and read.cwd == "/work/repo"

    edit = cursor.to_request(
        CURSOR_BASE
        | {
            "hook_event_name": "afterFileEdit",
            "file_path": "/r/a.py",
            "edits": [{"old_string": "a", "new_string": "b"}],
        }
    )
    assert edit.phase == POST and edit.actions[0].edits == (("a", "b"),)

    tool = cursor.to_request(
        CURSOR_BASE
        | {
            "hook_event_name": "preToolUse",
            "tool_name": "Write",
            "tool_input": {"file_path": "/r/x", "contents": "c"},
        }
    )
    assert (tool.actions[0].kind, tool.actions[0].content) == ("write", "c")
    mcp = cursor.to_request(
        CURSOR_BASE
        | {"hook_event_name": "beforeMCPExecution", "tool_name": "fs_write", "tool_input": '{"path": "/r/m"}'}
    )
    assert mcp.actions[0].touches_files and mcp.actions[0].paths == ("/r/m",)
    assert (
        cursor.to_request(CURSOR_BASE | {"hook_event_name": "stop", "status": "completed"}).phase == PASSIVE
    )


def test_cursor_answers() -> None:
    shell = cursor.to_request(
        CURSOR_BASE | {"hook_event_name": "beforeShellExecution", "command": "ls", "cwd": "/r"}
    )
    assert cursor.answer(ALLOW, shell) == (0, "{}\n", "")
    deny = cursor.answer(DENY, shell)
    assert deny.status == 2 and json.loads(deny.stdout)["permission"] == "deny"
    ask = cursor.answer(ASK, shell)
    assert ask.status == 0 and json.loads(ask.stdout)["permission"] == "ask"
    read = cursor.to_request(
        CURSOR_BASE | {"hook_event_name": "beforeReadFile", "file_path": "/r/k", "content": ""}
    )
    assert json.loads(cursor.answer(ASK, read).stdout)["permission"] == "deny"


# --- Copilot -----------------------------------------------------------------------------------------------


def test_copilot_cli_events_and_answers() -> None:
    event = {
        "timestamp": 1704614600000,
        "cwd": "/work/repo",
        "toolName": "bash",
        "toolArgs": json.dumps({"command": "rm -rf dist", "description": "Clean"}),
    }
    request = copilot.to_request(event)
    assert request.phase == PRE and request.actions[0].command == "rm -rf dist"
    assert copilot.answer(ALLOW, request) == (0, "", "")
    deny = copilot.answer(DENY, request)
    assert deny.status == 0 and json.loads(deny.stdout)["permissionDecision"] == "deny"
    assert json.loads(copilot.answer(ASK, request).stdout)["permissionDecision"] == "deny"

    create = copilot.to_actions(
        event | {"toolName": "create", "toolArgs": json.dumps({"path": "/r/t.py", "file_text": "x"})}
    )
    assert (create[0].kind, create[0].content) == ("write", "x")
    edit = copilot.to_actions(
        event | {"toolName": "edit", "toolArgs": {"path": "/r/t.py", "old_str": "a", "new_str": "b"}}
    )
    assert edit[0].edits == (("a", "b"),)
    post = copilot.to_request(event | {"toolResult": {"resultType": "success", "textResultForLlm": "ok"}})
    assert post.phase == POST
    assert (
        copilot.to_request({"timestamp": 1, "cwd": "/r", "source": "new", "initialPrompt": "hi"}).phase
        == PASSIVE
    )
    assert copilot.to_request({"timestamp": 1, "cwd": "/r"}).phase == UNKNOWN
    with pytest.raises(BadEvent):
        copilot.to_request(event | {"toolArgs": "{not json"})


def test_copilot_vscode_shape_answers_like_claude() -> None:
    event = claude_event(
        "replace_string_in_file", {"filePath": "/r/t.py", "oldString": "a", "newString": "b"}
    )
    request = copilot.to_request(event)
    assert request.actions[0].kind == "edit" and request.actions[0].agent == "copilot"
    assert copilot.answer(DENY, request).status == 2
