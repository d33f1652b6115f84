"""What a rule sees of one changed file: texts, lazily parsed trees, changed lines, and a way to report.

Parsing is lazy and cached so that a rule which needs the *before* tree pays for it once, and files no rule
asks about are never parsed twice.
"""

from __future__ import annotations

import ast
import bisect
import difflib
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from io import StringIO
from typing import TYPE_CHECKING, Any

from ..types import FileChange, Finding
from .names import import_bindings
from .pathkind import file_kind, is_conftest, is_test_path

if TYPE_CHECKING:
    from .registry import Rule

MAX_RECOVERY_ATTEMPTS = 40
MAX_PARSE_BYTES = 20_000_000


def decode(data: bytes | None) -> str | None:
    """Text of a file, tolerating non-UTF-8 bytes (a hack can hide in a badly encoded file)."""
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


@dataclass
class ParsedPython:
    """A Python tree, possibly recovered from a broken file by blanking the lines that did not parse."""

    tree: ast.Module | None
    error: str | None = None
    blanked_lines: tuple[int, ...] = ()


def parse_python(text: str, *, partial: bool = False) -> ParsedPython:
    """Parse Python, recovering from syntax errors by blanking offending lines (and dedenting hunks)."""
    if len(text) > MAX_PARSE_BYTES:
        return ParsedPython(None, f"file too large to parse ({len(text)} bytes)")
    lines = text.splitlines(keepends=True)
    if partial:
        lines = _dedent_hunks(lines)
    first_error: str | None = None
    blanked: list[int] = []
    for _ in range(MAX_RECOVERY_ATTEMPTS):
        source = "".join(lines)
        try:
            tree = ast.parse(source, type_comments=False)
            return ParsedPython(tree, first_error, tuple(blanked))
        except (SyntaxError, ValueError) as exc:
            if first_error is None:
                first_error = _describe_syntax_error(exc)
            lineno = getattr(exc, "lineno", None)
            if not isinstance(lineno, int) or lineno < 1 or lineno > len(lines):
                lineno = _last_nonblank(lines)
                if lineno is None:
                    break
            if not lines[lineno - 1].strip():
                # The error is reported on a blank line: blank the nearest code line above it instead.
                prev = _last_nonblank(lines[: lineno - 1])
                if prev is None:
                    break
                lineno = prev
            lines[lineno - 1] = "\n"
            blanked.append(lineno)
    return ParsedPython(None, first_error or "could not parse", tuple(blanked))


def _describe_syntax_error(exc: Exception) -> str:
    if isinstance(exc, SyntaxError):
        return f"line {exc.lineno}: {exc.msg}"
    return str(exc)


def _last_nonblank(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            return index + 1
    return None


def _dedent_hunks(lines: list[str]) -> list[str]:
    """Shift each run of non-blank-separated hunk lines left so a hunk from inside a method parses."""
    out = list(lines)
    start = 0
    while start < len(out):
        if not out[start].strip():
            start += 1
            continue
        end = start
        gap = 0
        while end < len(out) and gap < 2:
            gap = gap + 1 if not out[end].strip() else 0
            end += 1
        block = out[start:end]
        indents = [len(line) - len(line.lstrip()) for line in block if line.strip()]
        cut = min(indents) if indents else 0
        if cut:
            out[start:end] = [line[cut:] if line.strip() else line for line in block]
        start = end
    return out


def changed_lines(before: str | None, after: str | None) -> tuple[frozenset[int], frozenset[int]]:
    """(after lines added or changed, before lines removed or changed), 1-based."""
    if after is None:
        return frozenset(), frozenset(range(1, (before or "").count("\n") + 2))
    if before is None:
        return frozenset(range(1, after.count("\n") + 2)), frozenset()
    a = before.splitlines()
    b = after.splitlines()
    # The common head and tail are trimmed first: most edits touch a small middle of a large file.
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    middle_a = a[head : len(a) - tail]
    middle_b = b[head : len(b) - tail]
    added: set[int] = set()
    removed: set[int] = set()
    matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=len(middle_a) + len(middle_b) > 4000)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed.update(range(head + i1 + 1, head + i2 + 1))
        added.update(range(head + j1 + 1, head + j2 + 1))
    return frozenset(added), frozenset(removed)


@dataclass
class FileContext:
    """One changed file as rules see it, and the findings reported on it."""

    change: FileChange
    findings: list[Finding] = field(default_factory=list)
    cache: dict[Any, Any] = field(default_factory=dict)
    # Every file of the same change (this one included) and a cache shared by all of them, for rules that
    # need cross-file evidence (a literal that also appears in a changed test, a test moved to another file).
    siblings: list[FileContext] = field(default_factory=list, repr=False)
    change_cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- identity -------------------------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self.change.path

    @property
    def status(self) -> str:
        return self.change.status

    @cached_property
    def kind(self) -> str:
        """python, shell, yaml, json, toml, ini, pth, text or binary (of the after file, else the before)."""
        return file_kind(
            self.path, self.change.after if self.change.after is not None else self.change.before
        )

    @cached_property
    def before_kind(self) -> str:
        return file_kind(self.change.old_path or self.path, self.change.before)

    @cached_property
    def is_test(self) -> bool:
        return is_test_path(self.path)

    @cached_property
    def is_conftest(self) -> bool:
        return is_conftest(self.path)

    # -- texts ----------------------------------------------------------------------------------------
    @cached_property
    def before_text(self) -> str | None:
        return decode(self.change.before)

    @cached_property
    def after_text(self) -> str | None:
        return decode(self.change.after)

    @cached_property
    def after_lines(self) -> list[str]:
        return (self.after_text or "").splitlines()

    @cached_property
    def before_lines(self) -> list[str]:
        return (self.before_text or "").splitlines()

    def _diff_lines(self) -> tuple[frozenset[int], frozenset[int]]:
        if "diff" not in self.cache:
            if self.change.added_lines is not None and self.change.removed_lines is not None:
                self.cache["diff"] = (self.change.added_lines, self.change.removed_lines)
            else:
                self.cache["diff"] = changed_lines(self.before_text, self.after_text)
        result: tuple[frozenset[int], frozenset[int]] = self.cache["diff"]
        return result

    @property
    def added_lines(self) -> frozenset[int]:
        """After-line numbers that this change added or modified."""
        return self._diff_lines()[0]

    @property
    def removed_lines(self) -> frozenset[int]:
        """Before-line numbers that this change removed or modified."""
        return self._diff_lines()[1]

    def after_line(self, lineno: int) -> str:
        lines = self.after_lines
        return lines[lineno - 1] if 0 < lineno <= len(lines) else ""

    def before_line(self, lineno: int) -> str:
        lines = self.before_lines
        return lines[lineno - 1] if 0 < lineno <= len(lines) else ""

    def touches(self, node: ast.AST | int, end: int | None = None) -> bool:
        """True when the node (or line range) overlaps a line this change added or modified."""
        start, stop = _span(node, end)
        ordered = self.sorted_added
        index = bisect.bisect_left(ordered, start)
        return index < len(ordered) and ordered[index] <= stop

    @property
    def sorted_added(self) -> list[int]:
        if "sorted_added" not in self.cache:
            self.cache["sorted_added"] = sorted(self.added_lines)
        result: list[int] = self.cache["sorted_added"]
        return result

    # -- python trees ---------------------------------------------------------------------------------
    @cached_property
    def after_parsed(self) -> ParsedPython:
        if self.after_text is None:
            return ParsedPython(None, "file deleted")
        return parse_python(self.after_text, partial=self.change.partial)

    @cached_property
    def before_parsed(self) -> ParsedPython:
        if self.before_text is None:
            return ParsedPython(None, "file did not exist")
        return parse_python(self.before_text, partial=self.change.partial)

    @property
    def after_tree(self) -> ast.Module | None:
        return self.after_parsed.tree

    @property
    def before_tree(self) -> ast.Module | None:
        return self.before_parsed.tree

    # -- names ----------------------------------------------------------------------------------------
    @cached_property
    def aliases(self) -> dict[str, str]:
        """Local name -> dotted origin, from the after tree's imports (filled during the engine's walk)."""
        return {}

    def note_import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.aliases.update(import_bindings(node))

    def qualname(self, node: ast.AST | None) -> str | None:
        """Dotted name of a Name/Attribute chain with import aliases resolved (`o._exit` -> `os._exit`)."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Call):
            inner = self.qualname(node.func)
            if inner is None:
                return None
            parts.append(inner + "()")
        elif isinstance(node, ast.Name):
            parts.append(self.aliases.get(node.id, node.id))
        else:
            return None
        return ".".join(reversed(parts))

    # -- parents --------------------------------------------------------------------------------------
    @cached_property
    def parents(self) -> dict[ast.AST, ast.AST]:
        """Child -> parent links for the after tree (filled by the engine's single walk)."""
        return {}

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(node)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        current = self.parents.get(node)
        while current is not None:
            yield current
            current = self.parents.get(current)

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef):
                return ancestor
        return None

    def enclosing_class(self, node: ast.AST) -> ast.ClassDef | None:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.ClassDef):
                return ancestor
        return None

    # -- reporting ------------------------------------------------------------------------------------
    def report(
        self,
        rule: Rule,
        where: ast.AST | int,
        message: str,
        *,
        evidence: str | None = None,
        before: bool = False,
        require_change: bool = True,
    ) -> None:
        """Record a finding at a node or line of the after file (or of the before file with `before=True`).

        Findings on after-lines this change did not touch are dropped unless `require_change` is False, so a
        pre-existing `sys.exit` in an untouched function never blames the agent.
        """
        start, stop = _span(where)
        if require_change and not before and not self.touches(start, stop):
            return
        if evidence is None:
            evidence = self.snippet(start, stop, before=before)
        column = getattr(where, "col_offset", 0) if isinstance(where, ast.AST) else 0
        self.findings.append(
            Finding(
                rule=rule.id,
                name=rule.name,
                severity=rule.severity,
                path=self.change.old_path if before and self.change.old_path else self.path,
                line=start,
                message=message,
                evidence=evidence,
                family=rule.family,
                column=column + 1,
                end_line=stop,
            )
        )

    def snippet(self, start: int, stop: int | None = None, *, before: bool = False, limit: int = 6) -> str:
        lines = self.before_lines if before else self.after_lines
        stop = start if stop is None else stop
        picked = lines[max(start - 1, 0) : min(stop, start - 1 + limit)]
        text = "\n".join(line.rstrip() for line in picked)
        if stop - start + 1 > limit:
            text += "\n..."
        return text

    def source(self, node: ast.AST) -> str:
        """Source text of a node in the after file."""
        text = self.after_text or ""
        segment = ast.get_source_segment(text, node) if text else None
        return segment if segment is not None else ast.unparse(node)


def _span(where: ast.AST | int, end: int | None = None) -> tuple[int, int]:
    if isinstance(where, int):
        return where, end if end is not None else where
    start = getattr(where, "lineno", 1) or 1
    stop = getattr(where, "end_lineno", None) or start
    return start, stop


def tokens_of(text: str) -> list[tokenize.TokenInfo]:
    """Tokens of Python-ish text as far as the tokenizer gets; the token-level fallback for broken files."""
    out: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(StringIO(text).readline):
            out.append(token)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return out
