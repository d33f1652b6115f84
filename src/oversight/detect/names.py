"""Names an import statement binds: the one place that knows how `import a.b`, `import a as b` and
`from m import n as k` map local names to dotted origins, shared by the context and the rules."""

from __future__ import annotations

import ast
from collections.abc import Iterator


def import_bindings(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """(local name, dotted origin) for each name the statement binds; relative imports bind none here."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                head = alias.name.split(".")[0]
                yield head, head
    elif node.module and not node.level:
        for alias in node.names:
            yield alias.asname or alias.name, f"{node.module}.{alias.name}"


def identifiers(node: ast.AST) -> set[str]:
    """Every name and attribute name used anywhere under `node`."""
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.add(sub.attr)
    return out
