"""The single-pass engine: one walk over each changed file's syntax tree dispatches every node to the rules
that asked for its type; file-level rules run once per file. A rule that crashes is reported, never ignored.
"""

from __future__ import annotations

import ast
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..types import Change, FileChange, Finding, Severity
from .context import FileContext
from .registry import Rule, all_rules


@dataclass
class ScanResult:
    """Findings of a scan, most severe first, and the files it looked at."""

    findings: list[Finding]
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def at_or_above(self, threshold: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity >= threshold]


class _Dispatch:
    """Rules indexed by the node types and file kinds they want, built once per rule set."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.by_node: dict[type[ast.AST], list[Rule]] = {}
        self.by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            for node_type in rule.node_types:
                for sub in _with_subclasses(node_type):
                    self.by_node.setdefault(sub, []).append(rule)
            for kind in rule.file_kinds:
                self.by_kind.setdefault(kind, []).append(rule)


def _with_subclasses(node_type: type[ast.AST]) -> list[type[ast.AST]]:
    out = [node_type]
    for sub in node_type.__subclasses__():
        out.extend(_with_subclasses(sub))
    return out


_DEFAULT: _Dispatch | None = None


def scan(change: Change | Iterable[FileChange], rules: Sequence[Rule] | None = None) -> ScanResult:
    """Run every rule over every file of a change in one pass each; return the findings."""
    global _DEFAULT
    if rules is None:
        if _DEFAULT is None:
            _DEFAULT = _Dispatch(all_rules())
        dispatch = _DEFAULT
    else:
        dispatch = _Dispatch(rules)
    findings: list[Finding] = []
    result = ScanResult(findings)
    siblings: list[FileContext] = []
    shared: dict[str, object] = {}
    for file_change in change:
        siblings.append(FileContext(file_change, siblings=siblings, change_cache=shared))
    # Syntax trees are large and acyclic: the cycle collector would re-traverse every live tree again and
    # again while the scan keeps them for cross-file rules, costing as much as the parsing itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for ctx in siblings:
            file_change = ctx.change
            result.files.append(file_change.path)
            if ctx.kind == "binary":
                result.notes.append(f"{file_change.path}: binary file, content rules skipped")
            scan_file(ctx, dispatch)
            findings.extend(ctx.findings)
    finally:
        # Break the contexts' reference cycle so their trees are freed now, not at the next collection.
        siblings.clear()
        shared.clear()
        if collecting:
            gc.enable()
    findings.sort(key=lambda f: (-f.severity, f.path, f.line, f.rule))
    return result


def scan_file(ctx: FileContext, dispatch: _Dispatch) -> None:
    """One file: walk its after tree once (Python), then run the file-level rules."""
    from .rules import engine_rules

    if ctx.kind == "python" and ctx.after_text is not None and dispatch.by_node:
        parsed = ctx.after_parsed
        if parsed.tree is not None:
            _walk(parsed.tree, ctx, dispatch)
    kinds = {ctx.kind}
    if ctx.change.before is not None:
        kinds.add(ctx.before_kind)
    seen: set[str] = set()
    for kind in (*sorted(kinds), "any"):
        for rule in dispatch.by_kind.get(kind, ()):
            if rule.id in seen:
                continue
            seen.add(rule.id)
            try:
                rule.check_file(ctx)
            except Exception as exc:  # a crashing rule must surface, never read as "nothing found"
                engine_rules.report_rule_crash(ctx, rule, exc)


def _walk(tree: ast.Module, ctx: FileContext, dispatch: _Dispatch) -> None:
    """Depth-first, in source order, so imports are recorded before the code that uses them.

    In a modified file, statements that do not overlap a changed line are not descended into: rules look at
    what the change touched, and the walk costs little more than the parse.
    """
    from .rules import engine_rules

    by_node = dispatch.by_node
    parents = ctx.parents
    prune = ctx.change.before is not None
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        node_type = type(node)
        if node_type is ast.Import or node_type is ast.ImportFrom:
            ctx.note_import(node)  # type: ignore[arg-type]
        children: list[ast.AST] = []
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                children.append(value)
            elif isinstance(value, list):
                children.extend(item for item in value if isinstance(item, ast.AST))
        kept: list[ast.AST] = []
        for child in children:
            if prune and isinstance(child, ast.stmt) and not ctx.touches(child):
                # Imports are names the rest of the file resolves through, changed or not.
                if isinstance(child, ast.Import | ast.ImportFrom):
                    ctx.note_import(child)
                continue
            parents[child] = node
            kept.append(child)
        handlers = by_node.get(node_type)
        if handlers:
            for rule in handlers:
                try:
                    rule.visit(node, ctx)
                except Exception as exc:
                    engine_rules.report_rule_crash(ctx, rule, exc, getattr(node, "lineno", 1))
        stack.extend(reversed(kept))
