"""Rules and their registry: every rule has a stable id, a kebab-case name, a severity, a family, and a
docstring that is its documentation page (what it does, why it matters, an example, a legitimate look-alike).
"""

from __future__ import annotations

import ast
import inspect
from typing import ClassVar, TypeVar

from ..types import Severity
from .context import FileContext

FAMILIES: dict[str, str] = {
    "engine": "scan integrity: files the scanner could not fully read",
    "exit-code": "exit-code forgery",
    "equality": "equality forgery",
    "framework": "test-framework patching",
    "weakening": "test weakening",
    "special-casing": "special-casing the tests",
    "grader": "grader and clock tampering",
    "oversight": "oversight tampering",
}


class Rule:
    """Base class of every rule.

    A rule sees a change in one or both of two ways, both driven by the engine's single pass per file:
    - `visit(node, ctx)` for each node of a type in `node_types`, in the after file's Python syntax tree;
    - `check_file(ctx)` once per changed file whose kind (after, or before for deletions) is in
      `file_kinds`; config, shell, and before-vs-after comparisons go here.
    Findings go through `ctx.report(self, node_or_line, message)`.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    family: ClassVar[str]
    node_types: ClassVar[tuple[type[ast.AST], ...]] = ()
    file_kinds: ClassVar[frozenset[str]] = frozenset()

    def visit(self, node: ast.AST, ctx: FileContext) -> None:
        """Called for each after-tree node of a type in `node_types`."""

    def check_file(self, ctx: FileContext) -> None:
        """Called once per changed file of a kind in `file_kinds`."""

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().splitlines()[0] if cls.doc() else cls.name


RULES: dict[str, Rule] = {}

R = TypeVar("R", bound=type[Rule])


def register(cls: R) -> R:
    """Class decorator: add a rule to the registry (ids and names must be unique)."""
    for attr in ("id", "name", "severity", "family"):
        if not hasattr(cls, attr):
            raise TypeError(f"rule {cls.__name__} lacks {attr}")
    if cls.family not in FAMILIES:
        raise TypeError(f"rule {cls.id}: unknown family {cls.family!r}")
    if cls.id in RULES:
        raise TypeError(f"duplicate rule id {cls.id}")
    if any(rule.name == cls.name for rule in RULES.values()):
        raise TypeError(f"duplicate rule name {cls.name}")
    if not cls.__doc__:
        raise TypeError(f"rule {cls.id} has no documentation")
    RULES[cls.id] = cls()
    return cls


def all_rules() -> list[Rule]:
    """Every registered rule, loading the rule modules on first use, ordered by id."""
    from . import rules  # noqa: F401  (importing registers)

    return [RULES[key] for key in sorted(RULES)]


def find_rule(key: str) -> Rule | None:
    """A rule by id (`OV101`) or name (`exit-zero`)."""
    rules = all_rules()
    for rule in rules:
        if rule.id.lower() == key.lower() or rule.name == key:
            return rule
    return None
