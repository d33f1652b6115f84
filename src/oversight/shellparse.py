"""bashlex, imported with its parser tables precomputed: bashlex rebuilds its LALR tables on every import
(~100 ms), more than the whole hook may take.

`_bashlex_tables` holds the tables with the grammar they were built from (every `p_*` rule's name and
docstring, the tokens and the precedence). On import, bashlex's call to `yacc.yacc()` is answered from
them when that grammar is exactly the installed one; on any difference (another bashlex version) the
ordinary, slow build runs, so stale tables can cost time but never change a parse. Regenerate with
`python -m oversight.shellparse`. `load()` also fixes two bashlex bugs: here-documents never end at
a quoted delimiter (`<<'EOF'`), and an unclosed `${` makes it loop forever.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from collections.abc import Callable
from types import ModuleType, SimpleNamespace
from typing import Any

_TABLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bashlex_tables.py")


def grammar_source(pdict: dict[str, Any]) -> str:
    """The grammar as bashlex's module declares it: rules (name and docstring), tokens, precedence."""
    rules = [
        value
        for name, value in pdict.items()
        if name.startswith("p_") and name != "p_error" and callable(value) and hasattr(value, "__code__")
    ]
    rules.sort(key=lambda f: f.__code__.co_firstlineno)
    lines = [f"{f.__name__}: {' '.join((f.__doc__ or '').split())}" for f in rules]
    lines.append(f"tokens: {' '.join(pdict.get('tokens', []))}")
    lines.append(f"precedence: {pdict.get('precedence', ())!r}")
    lines.append(f"start: {pdict.get('start', '')}")
    return "\n".join(lines)


def load() -> ModuleType:
    """The `bashlex` module (imported fast when it has not been imported yet), here-documents fixed."""
    module = sys.modules.get("bashlex") or _import()
    _fix_heredocs()
    _fix_parameter_loop()
    return module


def _import() -> ModuleType:
    try:
        from . import _bashlex_tables as tables
    except ImportError:
        return importlib.import_module("bashlex")
    spec = importlib.util.find_spec("bashlex")
    if spec is None or spec.loader is None:
        return importlib.import_module("bashlex")
    package = importlib.util.module_from_spec(spec)
    sys.modules["bashlex"] = package  # so that `bashlex.yacc` can be patched before `bashlex.parser` runs
    try:
        yacc = importlib.import_module("bashlex.yacc")
        original: Callable[..., Any] = getattr(yacc, "yacc")  # noqa: B009  (bashlex ships no types)

        def precomputed(*args: Any, **kwargs: Any) -> Any:
            pdict = sys._getframe(1).f_globals
            if grammar_source(pdict) != tables.GRAMMAR:
                return original(*args, module=_module_of(pdict), **kwargs)
            action, goto, productions = json.loads(tables.TABLES)
            rules = [
                SimpleNamespace(name=name, len=length, callable=pdict[func] if func else None, str=text)
                for name, length, func, text in productions
            ]
            table = SimpleNamespace(
                lr_productions=rules,
                lr_action={int(state): row for state, row in action.items()},
                lr_goto={int(state): row for state, row in goto.items()},
            )
            parser = getattr(yacc, "LRParser")(table, pdict["p_error"])  # noqa: B009
            setattr(yacc, "parse", parser.parse)  # noqa: B010
            return parser

        setattr(yacc, "yacc", precomputed)  # noqa: B010
        try:
            spec.loader.exec_module(package)
        finally:
            setattr(yacc, "yacc", original)  # noqa: B010
    except Exception:
        for name in [n for n in sys.modules if n == "bashlex" or n.startswith("bashlex.")]:
            del sys.modules[name]
        return importlib.import_module("bashlex")
    return package


def _module_of(pdict: dict[str, Any]) -> ModuleType:
    """The caller's globals as a module: `yacc.yacc` reads the grammar from the frame that calls it, which is
    no longer bashlex's once wrapped, so it is handed the module explicitly."""
    module = ModuleType(pdict.get("__name__", "bashlex.parser"))
    module.__dict__.update(pdict)
    return module


def _fix_heredocs() -> None:
    """bashlex looks for a quoted delimiter (`<<'EOF'`) with its quotes on: end it at the unquoted word."""
    heredoc = sys.modules.get("bashlex.heredoc")
    if heredoc is None or getattr(heredoc, "_oversight_fixed", False):
        return
    errors, ast = sys.modules["bashlex.errors"], sys.modules["bashlex.ast"]

    def makeheredoc(tokenizer: Any, redirnode: Any, lineno: int, killleading: bool) -> str:
        delimiter = unquote(redirnode.output.word)
        document = []
        startpos = tokenizer._shell_input_line_index
        line = tokenizer.readline(False)
        while line:
            if killleading:
                line = line.lstrip("\t")
            if line.rstrip("\n") == delimiter and line.endswith("\n"):
                document.append(line[:-1])
                break
            document.append(line)
            line = tokenizer.readline(False)
        if not line:
            raise errors.ParsingError(
                f"here-document delimited by end-of-file (wanted {delimiter!r})",
                tokenizer._shell_input_line,
                tokenizer._shell_input_line_index,
            )
        text = "".join(document)
        endpos = tokenizer._shell_input_line_index - 1
        redirnode.heredoc = ast.node(kind="heredoc", value=text, pos=(startpos, endpos))
        if redirnode.pos[1] + 1 == startpos:
            redirnode.pos = (redirnode.pos[0], endpos)
        return text

    setattr(heredoc, "makeheredoc", makeheredoc)  # noqa: B010  (the module is untyped)
    setattr(heredoc, "_oversight_fixed", True)  # noqa: B010


def _fix_parameter_loop() -> None:
    """bashlex loops forever on an unclosed `${` (its expander steps back to the word's start): make it fail."""
    subst = sys.modules.get("bashlex.subst")
    if subst is None or getattr(subst, "_oversight_fixed", False):
        return
    errors = sys.modules["bashlex.errors"]
    original: Callable[..., Any] = getattr(subst, "_paramexpand")  # noqa: B009

    def paramexpand(parserobj: Any, string: str, sindex: int) -> Any:
        node, index = original(parserobj, string, sindex)
        if index <= sindex:
            raise errors.ParsingError("bad substitution: no closing '}'", string, sindex)
        return node, index

    setattr(subst, "_paramexpand", paramexpand)  # noqa: B010
    setattr(subst, "_oversight_fixed", True)  # noqa: B010


def unquote(word: str) -> str:
    """Shell quote removal on a plain word (no expansions): `'EOF'`, `"EOF"`, `\\EOF` → `EOF`."""
    out: list[str] = []
    quote = ""
    index = 0
    while index < len(word):
        char = word[index]
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"' and index + 1 < len(word):
                index += 1
                out.append(word[index])
            else:
                out.append(char)
        elif char in {"'", '"'}:
            quote = char
        elif char == "\\" and index + 1 < len(word):
            index += 1
            out.append(word[index])
        else:
            out.append(char)
        index += 1
    return "".join(out)


def regenerate(target: str = _TABLES) -> None:
    """Build bashlex's tables the slow way and write them, with the grammar they belong to, as a module."""
    for name in [n for n in sys.modules if n == "bashlex" or n.startswith("bashlex.")]:
        del sys.modules[name]
    spec = importlib.util.find_spec("bashlex")
    if spec is None or spec.loader is None:
        raise SystemExit("bashlex is not installed")
    package = importlib.util.module_from_spec(spec)
    sys.modules["bashlex"] = package
    yacc = importlib.import_module("bashlex.yacc")
    original: Callable[..., Any] = getattr(yacc, "yacc")  # noqa: B009
    captured: dict[str, Any] = {}

    def capture(*args: Any, **kwargs: Any) -> Any:
        pdict = sys._getframe(1).f_globals
        captured["grammar"] = grammar_source(pdict)
        parser = original(*args, module=_module_of(pdict), **kwargs)
        # Copied before bashlex.parser patches a few actions in place (it redoes that on every import).
        captured["action"] = {s: dict(r) for s, r in parser.action.items()}
        captured["goto"] = {s: dict(r) for s, r in parser.goto.items()}
        captured["productions"] = [(p.name, p.len, p.func, p.str) for p in parser.productions]
        return parser

    setattr(yacc, "yacc", capture)  # noqa: B010
    try:
        spec.loader.exec_module(package)
    finally:
        setattr(yacc, "yacc", original)  # noqa: B010
    tables = json.dumps(
        [captured["action"], captured["goto"], captured["productions"]], separators=(",", ":")
    )
    text = (
        '"""Generated by `python -m oversight.shellparse`: bashlex\'s parser tables. '
        'Do not edit."""\n\n'
        f"GRAMMAR = {captured['grammar']!r}\n"
        # JSON [action, goto, productions]: one string compiles far faster than the literal dicts.
        f"TABLES = {tables!r}\n"
    )
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    regenerate()
