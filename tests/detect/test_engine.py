"""The engine: one walk per file, findings only on changed lines, crashes surfaced, broken files recovered."""

from __future__ import annotations

import ast
from typing import ClassVar

from oversight.detect import scan
from oversight.detect.context import FileContext, parse_python
from oversight.detect.registry import Rule
from oversight.types import Change, FileChange, Severity


class CallsExit(Rule):
    """Test rule: reports calls that resolve to sys.exit."""

    id = "TST1"
    name = "test-calls-exit"
    severity = Severity.HIGH
    family = "exit-code"
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)
    seen: ClassVar[list[int]] = []

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        CallsExit.seen.append(node.lineno)
        if ctx.qualname(node.func) == "sys.exit":
            ctx.report(self, node, "exit")


class Crashes(Rule):
    """Test rule: always raises."""

    id = "TST2"
    name = "test-crashes"
    severity = Severity.LOW
    family = "exit-code"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        raise RuntimeError("boom")


def change(before: str | None, after: str | None, path: str = "src/pkg/mod.py") -> Change:
    return Change((FileChange(path, before and before.encode(), after and after.encode()),))


def test_alias_resolution_through_from_import() -> None:
    result = scan(change(None, "from sys import exit as leave\n\ndef f():\n    leave(0)\n"), [CallsExit()])
    assert [(f.rule, f.line) for f in result.findings] == [("TST1", 4)]


def test_findings_on_untouched_lines_are_dropped() -> None:
    before = "import sys\n\ndef main():\n    sys.exit(0)\n\ndef g():\n    return 1\n"
    after = before.replace("return 1", "return 2")
    assert scan(change(before, after), [CallsExit()]).findings == []


def test_unchanged_statements_are_not_walked() -> None:
    body = "".join(f"def f{i}():\n    return print({i})\n\n" for i in range(50))
    CallsExit.seen.clear()
    scan(change(body, body + "def new():\n    return print(99)\n"), [CallsExit()])
    assert CallsExit.seen == [body.count("\n") + 2]


def test_imports_in_untouched_lines_still_resolve() -> None:
    before = "import sys as s\n\ndef f():\n    return 1\n"
    after = "import sys as s\n\ndef f():\n    s.exit(0)\n    return 1\n"
    assert [f.line for f in scan(change(before, after), [CallsExit()]).findings] == [4]


def test_crashing_rule_is_reported_not_swallowed() -> None:
    result = scan(change(None, "x = 1\n"), [Crashes()])
    assert [f.rule for f in result.findings] == ["OV003"]
    assert "boom" in result.findings[0].message
    assert result.findings[0].severity == Severity.MEDIUM


def test_broken_file_is_recovered_and_still_scanned() -> None:
    after = "import sys\n\ndef f(:\n    pass\n\ndef g():\n    sys.exit(0)\n"
    result = scan(change(None, after))
    rules = {f.rule for f in result.findings}
    assert "OV001" in rules
    hits = scan(change(None, after), [CallsExit()]).findings
    assert [f.line for f in hits] == [7]


def test_hack_on_unparseable_line_is_flagged() -> None:
    after = "import os\nos._exit(0) if True else\n"
    result = scan(change(None, after))
    flagged = [f for f in result.findings if f.rule == "OV002"]
    assert flagged and flagged[0].line == 2 and flagged[0].severity >= Severity.MEDIUM


def test_recovery_blanks_only_the_broken_lines() -> None:
    parsed = parse_python("a = 1\nb = (\nc = 3\n")
    assert parsed.tree is not None
    assert parsed.error is not None
    assert 1 not in parsed.blanked_lines


def test_partial_hunk_from_inside_a_method_parses() -> None:
    text = "\n" * 10 + "        if x:\n            return 1\n        return 2\n"
    parsed = parse_python(text, partial=True)
    assert parsed.tree is not None and parsed.error is None
    assert isinstance(parsed.tree.body[0], ast.If) and parsed.tree.body[0].lineno == 11


def test_binary_and_non_utf8_files_do_not_crash() -> None:
    files = (
        FileChange("img.png", None, b"\x89PNG\r\n\x1a\n\0\0\0"),
        FileChange("src/latin.py", None, "x = 'caf\xe9'\nimport sys\nsys.exit(0)\n".encode("latin-1")),
    )
    result = scan(Change(files), [CallsExit()])
    assert [f.path for f in result.findings] == ["src/latin.py"]
    assert any("binary" in note for note in result.notes)


def test_deleted_file_reaches_file_rules() -> None:
    seen: list[str | None] = []

    class Watch(Rule):
        """Test rule."""

        id = "TST3"
        name = "test-watch"
        severity = Severity.LOW
        family = "weakening"
        file_kinds = frozenset({"python"})

        def check_file(self, ctx: FileContext) -> None:
            seen.append(ctx.status)

    scan(change("def test_x():\n    assert 1\n", None, "tests/test_a.py"), [Watch()])
    assert seen == ["deleted"]
