"""The simple commands of a shell script, a Makefile recipe or a CI `run:` block, parsed with bashlex.

`commands(script)` yields every simple command (argv after its leading `VAR=value` assignments) with where it
is and what happens to its exit status: whether an `|| true` (or any always-succeeding right-hand side) masks
its failure, whether it is negated with `!`, piped into another command, run inside a condition (`if`,
`while`), a function body, or a command substitution. Where bashlex cannot parse the script (it lacks `case`
and `[[ ]]`), each line that fails is split with `shlex` instead, with the same operator handling; no regular
expression ever reads the command text.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..shellparse import load as _load_bashlex

# Commands whose exit status is always 0, so `cmd || <one of these>` hides cmd's failure.
_ALWAYS_OK = frozenset({"true", ":", "echo", "printf", "return", "exit"})
_LIST_BREAKS = frozenset({";", "&", "\n", ";;"})
MAX_SCRIPT_CHARS = 200_000


@dataclass(frozen=True)
class SimpleCommand:
    """One simple command of a script."""

    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    line: int = 1  # 1-based, within the script text
    masked_by: str | None = None  # "|| true", "|| exit 0", ...: the command's failure cannot fail its list
    negated: bool = False
    piped: bool = False  # its output goes into another command (its status is lost without pipefail)
    conditional: bool = False  # inside an if/while/until/case/function body or a condition
    substituted: bool = False  # inside `$(...)` or backticks

    @property
    def name(self) -> str:
        return self.argv[0] if self.argv else ""

    @property
    def env_dict(self) -> dict[str, str]:
        return dict(self.env)


def always_succeeds(argv: tuple[str, ...]) -> bool:
    """`true`, `:`, `echo ...`, `exit 0`, `return 0`: a command whose exit status is 0 whatever happened."""
    if not argv:
        return False
    head = argv[0]
    if head in {"exit", "return"}:
        return len(argv) > 1 and argv[1] == "0"
    return head in _ALWAYS_OK


def commands(script: str) -> list[SimpleCommand]:
    """Every simple command of a script, in source order."""
    if not script.strip() or len(script) > MAX_SCRIPT_CHARS:
        return []
    text = _blank_expressions(script)
    try:
        parts = _load_bashlex().parse(text)
    except Exception:  # bashlex raises its own errors and NotImplementedError on unsupported syntax
        return _per_line(text)
    out: list[SimpleCommand] = []
    starts = _line_starts(text)
    for part in parts:
        out.extend(_walk(part, starts, conditional=False))
    return out


def commands_of_lines(lines: list[str]) -> list[SimpleCommand]:
    """Commands of a list of command lines (a GitLab `script:` list, a tox `commands`), lines renumbered."""
    out: list[SimpleCommand] = []
    for index, line in enumerate(lines):
        for cmd in commands(line):
            out.append(replace(cmd, line=index + cmd.line))
    return out


def exits_zero(cmd: SimpleCommand) -> bool:
    return cmd.name == "exit" and (len(cmd.argv) == 1 or cmd.argv[1] == "0")


# -- bashlex walk ------------------------------------------------------------------------------------
def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _line_of(starts: list[int], pos: int) -> int:
    low, high = 0, len(starts)
    while low < high:
        mid = (low + high) // 2
        if starts[mid] <= pos:
            low = mid + 1
        else:
            high = mid
    return max(low, 1)


def _walk(node: Any, starts: list[int], *, conditional: bool) -> Iterator[SimpleCommand]:
    kind = getattr(node, "kind", "")
    if kind == "command":
        yield from _simple(node, starts, conditional=conditional)
    elif kind == "list":
        yield from _list(node.parts, starts, conditional=conditional)
    elif kind == "pipeline":
        yield from _pipeline(node, starts, conditional=conditional)
    elif kind == "compound":
        for part in node.list:
            yield from _walk(part, starts, conditional=conditional)
    elif kind in {"if", "while", "until"}:
        # The condition's failure is the point of an `if`; its body runs only sometimes.
        for part in node.parts:
            yield from _walk(part, starts, conditional=True)
    elif kind == "for":
        for part in node.parts:
            yield from _walk(part, starts, conditional=conditional)
    elif kind == "function":
        for part in node.parts:
            yield from _walk(part, starts, conditional=True)
    elif kind == "reservedword" or kind == "operator":
        return


def _list(parts: list[Any], starts: list[int], *, conditional: bool) -> Iterator[SimpleCommand]:
    """A list `a && b || c; d`: a segment ending in `|| <always ok>` masks every command before it."""
    segment: list[Any] = []
    operators: list[str] = []

    def flush() -> Iterator[SimpleCommand]:
        if not segment:
            return
        masker: str | None = None
        last = segment[-1]
        if (
            len(segment) > 1
            and operators
            and operators[-1] == "||"
            and getattr(last, "kind", "") == "command"
        ):
            argv = tuple(_words(last)[1])
            if always_succeeds(argv):
                masker = "|| " + " ".join(argv)
        for index, item in enumerate(segment):
            is_last = index == len(segment) - 1
            for cmd in _walk(item, starts, conditional=conditional or index > 0):
                if masker and not is_last and cmd.masked_by is None:
                    cmd = replace(cmd, masked_by=masker)
                yield cmd

    for part in parts:
        if getattr(part, "kind", "") == "operator":
            if part.op in _LIST_BREAKS:
                yield from flush()
                segment, operators = [], []
            else:
                operators.append(part.op)
            continue
        segment.append(part)
    yield from flush()


def _pipeline(node: Any, starts: list[int], *, conditional: bool) -> Iterator[SimpleCommand]:
    negated = False
    items: list[Any] = []
    for part in node.parts:
        kind = getattr(part, "kind", "")
        if kind == "reservedword" and part.word == "!":
            negated = True
        elif kind != "pipe":
            items.append(part)
    for index, item in enumerate(items):
        for cmd in _walk(item, starts, conditional=conditional):
            yield replace(cmd, negated=cmd.negated or negated, piped=cmd.piped or index < len(items) - 1)


def _words(node: Any) -> tuple[list[tuple[str, str]], list[str]]:
    env: list[tuple[str, str]] = []
    argv: list[str] = []
    for part in node.parts:
        kind = getattr(part, "kind", "")
        if kind == "assignment" and not argv:
            name, _, value = part.word.partition("=")
            env.append((name, _unquote(value)))
        elif kind == "word" or kind == "assignment":
            argv.append(part.word)
    return env, argv


def _simple(node: Any, starts: list[int], *, conditional: bool) -> Iterator[SimpleCommand]:
    env, argv = _words(node)
    line = _line_of(starts, node.pos[0])
    yield SimpleCommand(tuple(argv), tuple(env), line, conditional=conditional)
    # Commands inside `$(...)`: their failure is swallowed by the substitution.
    for part in node.parts:
        for sub in _substitutions(part):
            for cmd in _walk(sub, starts, conditional=conditional):
                yield replace(cmd, substituted=True)


def _substitutions(node: Any) -> Iterator[Any]:
    for child in getattr(node, "parts", []) or []:
        if getattr(child, "kind", "") in {"commandsubstitution", "processsubstitution"}:
            yield child.command
        else:
            yield from _substitutions(child)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


# -- fallback ---------------------------------------------------------------------------------------
def _per_line(text: str) -> list[SimpleCommand]:
    """Parse each logical line on its own (bashlex first, then shlex), keeping real line numbers."""
    out: list[SimpleCommand] = []
    for lineno, line in _logical_lines(text):
        try:
            parts = _load_bashlex().parse(line)
            starts = _line_starts(line)
            for part in parts:
                for cmd in _walk(part, starts, conditional=False):
                    out.append(replace(cmd, line=lineno + cmd.line - 1))
        except Exception:
            out.extend(replace(cmd, line=lineno) for cmd in _shlex_line(line))
    return out


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    pending: list[str] = []
    first = 1
    for index, raw in enumerate(text.splitlines(), start=1):
        if not pending:
            first = index
        if raw.endswith("\\"):
            pending.append(raw[:-1])
            continue
        pending.append(raw)
        joined = " ".join(pending).strip()
        pending = []
        if joined and not joined.startswith("#"):
            yield first, joined
    if pending:
        yield first, " ".join(pending)


_SHELL_KEYWORDS = frozenset(
    {
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "do",
        "done",
        "while",
        "until",
        "for",
        "case",
        "esac",
        "in",
        "{",
        "}",
    }
)


def _shlex_line(line: str) -> list[SimpleCommand]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError:
        tokens = line.split()
    groups: list[tuple[list[str], str]] = []  # (words, operator that follows)
    words: list[str] = []
    for token in tokens:
        if token and all(ch in ";&|()" for ch in token):
            groups.append((words, token))
            words = []
        else:
            words.append(token)
    groups.append((words, ""))
    out: list[SimpleCommand] = []
    segment: list[tuple[SimpleCommand, str]] = []

    def flush() -> None:
        if not segment:
            return
        masker: str | None = None
        if len(segment) > 1 and segment[-2][1] == "||" and always_succeeds(segment[-1][0].argv):
            masker = "|| " + " ".join(segment[-1][0].argv)
        for index, (cmd, _) in enumerate(segment):
            if masker and index < len(segment) - 1:
                cmd = replace(cmd, masked_by=masker)
            out.append(cmd)
        segment.clear()

    for group, operator in groups:
        conditional = (bool(group) and group[0] in _SHELL_KEYWORDS) or bool(segment)
        while group and group[0] in _SHELL_KEYWORDS:
            group = group[1:]
        negated = bool(group) and group[0] == "!"
        if negated:
            group = group[1:]
        env: list[tuple[str, str]] = []
        while group and "=" in group[0] and group[0].split("=", 1)[0].isidentifier():
            name, _, value = group[0].partition("=")
            env.append((name, value))
            group = group[1:]
        if group or env:
            cmd = SimpleCommand(
                tuple(group), tuple(env), 1, negated=negated, piped=operator == "|", conditional=conditional
            )
            segment.append((cmd, operator))
        if operator in {";", "&", ";;", "(", ")", ""}:
            flush()
    flush()
    return out


def _blank_expressions(script: str) -> str:
    """Replace CI template expressions (`${{ ... }}`) with a same-length word so the shell parser reads on."""
    out: list[str] = []
    index = 0
    while True:
        start = script.find("${{", index)
        if start < 0:
            out.append(script[index:])
            break
        end = script.find("}}", start)
        if end < 0:
            out.append(script[index:])
            break
        out.append(script[index:start])
        span = script[start : end + 2]
        out.append("".join("\n" if ch == "\n" else "X" for ch in span))
        index = end + 2
    return "".join(out)
