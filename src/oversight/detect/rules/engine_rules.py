"""Scan-integrity rules: what the scanner could not fully read is said out loud, never skipped in silence."""

from __future__ import annotations

import tokenize

from ...types import Severity
from ..context import FileContext, tokens_of
from ..registry import Rule, register

# Names that, on a line the parser could not read, suggest a hack is hiding in the broken part.
SUSPICIOUS_TOKENS = frozenset(
    {
        "exit", "_exit", "SystemExit", "excepthook", "atexit", "__eq__", "__ne__", "__instancecheck__",
        "__hash__", "TestReport", "from_item_and_call", "pytest_runtest_makereport", "outcome", "passed",
        "PYTEST_CURRENT_TEST", "pytest_collection_modifyitems", "skip", "xfail", "ANY", "monkeypatch",
        "perf_counter", "setrecursionlimit", "sitecustomize", "disable", "kill",
    }
)  # fmt: skip


@register
class UnparseablePython(Rule):
    """A changed Python file does not parse.

    ## What it does
    Reports a changed `.py` file whose new version is not valid Python. The scanner recovers by blanking the
    lines that do not parse and still runs every rule on the rest.

    ## Why is this bad?
    A file that does not parse cannot be fully analysed. Most often it is an honest mistake, but an agent can
    also hide code from analysers this way (for example a conftest that only some interpreters accept).

    ## Example
    ```python
    def answer(:
        return 42
    ```

    ## Legitimate look-alike
    A file that parses under the running interpreter is never reported, however unusual its syntax.
    """

    id = "OV001"
    name = "unparseable-python"
    severity = Severity.LOW
    family = "engine"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        if ctx.after_text is None or ctx.change.partial:
            return
        parsed = ctx.after_parsed
        if parsed.error is None:
            return
        line = parsed.blanked_lines[0] if parsed.blanked_lines else 1
        ctx.report(
            self,
            line,
            f"file does not parse ({parsed.error}); scanned what could be recovered",
            require_change=False,
        )


@register
class HiddenInUnparseable(Rule):
    """A line the parser could not read uses names that reward hacks use.

    ## What it does
    When a changed Python file does not parse, the lines that had to be dropped are read token by token. If
    those tokens include names used to forge results (`exit`, `_exit`, `__eq__`, `TestReport`, `outcome`,
    `pytest_runtest_makereport`, ...), the line is reported.

    ## Why is this bad?
    A hack inside a broken file would otherwise be invisible to every syntax-tree rule.

    ## Example
    ```python
    import sys
    sys.exit(0) if True else
    ```

    ## Legitimate look-alike
    A syntax error on a line that holds none of those names (a missing bracket in a list of numbers), and any
    line of a file known only through diff hunks, which are fragments that seldom parse on their own.
    """

    id = "OV002"
    name = "hack-in-unparseable-code"
    severity = Severity.MEDIUM
    family = "engine"
    file_kinds = frozenset({"python"})

    def check_file(self, ctx: FileContext) -> None:
        # Hunks of a diff are fragments that seldom parse on their own: a line dropped there says nothing.
        if ctx.after_text is None or ctx.change.partial:
            return
        parsed = ctx.after_parsed
        lines = parsed.blanked_lines if parsed.tree is not None else tuple(range(1, len(ctx.after_lines) + 1))
        if not lines:
            return
        for lineno in sorted(set(lines)):
            text = ctx.after_line(lineno)
            names = {
                tok.string for tok in tokens_of(text.strip() + "\n") if tok.type == tokenize.NAME
            } & SUSPICIOUS_TOKENS
            if names:
                ctx.report(self, lineno, f"unparseable line uses {', '.join(sorted(names))}")


@register
class ScanIncomplete(Rule):
    """A rule could not finish on a file, so the file was not fully checked.

    ## What it does
    Reports a file on which a rule raised an internal error. The other rules still ran.

    ## Why is this bad?
    A scanner that silently skips what it cannot read becomes the easiest thing for an agent to game: fail
    closed, and let a human look.

    ## Example
    Any input that makes a rule fail (a bug in oversight itself); please report it.

    ## Legitimate look-alike
    None: a rule crash is always worth reporting.
    """

    id = "OV003"
    name = "scan-incomplete"
    severity = Severity.MEDIUM
    family = "engine"


def report_rule_crash(ctx: FileContext, rule: Rule, exc: Exception, line: int = 1) -> None:
    """Record that `rule` crashed on this file, as a finding of its own."""
    from ..registry import RULES

    ctx.report(
        RULES[ScanIncomplete.id],
        line,
        f"rule {rule.id} ({rule.name}) failed: {type(exc).__name__}: {exc}",
        evidence=f"{type(exc).__name__}: {exc}",
        require_change=False,
    )
