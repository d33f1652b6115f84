"""What a shell command may write, delete or switch off, for the guard to judge before it runs.

`analyse(command, cwd)` parses the command with bashlex (a real bash grammar), walks every simple command
(through lists, pipelines, subshells, functions, loops, `$(...)`, `bash -c`, wrappers like `sudo` and
`xargs`, and inline interpreter code) and reports its effects: paths written, deleted or re-permissioned,
oversight switched off, or `opaque` where it cannot see what would happen. When in doubt it reports an
effect: a missed write is a hole, an opaque effect only a question to a human. Where bashlex cannot parse a
line (it lacks `[[ ]]`, `case`, `time`, `$(( ))`, arrays) that line is tokenised with `shlex` instead.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import posixpath
import shlex
import signal
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

MAX_COMMAND_CHARS = 200_000
MAX_DEPTH = 8
MAX_SECONDS = 5.0  # far above any real command's analysis; well below agents' hook time-outs
MAX_SCRIPT_BYTES = 128_000
MAX_LOOP_ITEMS = 16


@dataclass(frozen=True)
class Effect:
    """One thing a command may do to the file system or to oversight."""

    kind: str  # "write" | "delete" | "metadata" | "oversight-off" | "opaque"
    path: str | None
    reason: str
    command: str
    content: str | None = None
    glob: bool = False


@dataclass(frozen=True)
class ShellAnalysis:
    effects: tuple[Effect, ...]
    error: str | None


def analyse(command: str, cwd: str = "") -> ShellAnalysis:
    """Every effect `command` may have when run by a shell in `cwd` ("" when unknown: paths stay relative)."""
    try:
        if not isinstance(command, str):
            return ShellAnalysis((), "command is not text")
        if "\x00" in command:
            return ShellAnalysis((), "command contains a NUL byte")
        if len(command) > MAX_COMMAND_CHARS:
            return ShellAnalysis((), f"command longer than {MAX_COMMAND_CHARS} characters")
        walker = _Walker(_State(cwd=cwd), depth=0)
        with _deadline(MAX_SECONDS):
            error = walker.script(command)
        return ShellAnalysis(tuple(_dedupe(walker.effects)), error)
    except _Timeout:
        return ShellAnalysis((), f"analysis took longer than {MAX_SECONDS} s")
    except RecursionError:
        return ShellAnalysis((), "command nested too deeply to analyse")
    except Exception as exc:  # never crash the hook: the caller treats an error as opaque
        return ShellAnalysis((), f"internal error analysing the command: {type(exc).__name__}")


class _Timeout(BaseException):
    """Raised by the deadline's alarm; a BaseException so that no `except Exception` on the way swallows it."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """A backstop against any endless loop in the parser: an agent that could hang the hook would make the
    agent time it out, and hooks fail open. Only in the main thread, and only when no other alarm is set."""

    def expire(signum: int, frame: object) -> None:
        raise _Timeout

    try:
        if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            yield
            return
        previous = signal.signal(signal.SIGALRM, expire)
    except (ValueError, AttributeError, OSError):  # not the main thread, or no SIGALRM here
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _dedupe(effects: list[Effect]) -> Iterator[Effect]:
    seen: set[Effect] = set()
    for effect in effects:
        if effect not in seen:
            seen.add(effect)
            yield effect


# -- words -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Word:
    text: str  # quotes removed, known variables and ~ expanded
    dynamic: str | None = None  # what makes it unknown before run time ("$X", "$(...)"), if anything
    glob: bool = False
    raw: str = ""

    @property
    def maybe_option(self) -> bool:
        """An unquoted expansion at the start: it may expand to options (`sed $FLAGS f`)."""
        return self.dynamic is not None and self.raw[:1] in {"$", "`"}


_SPECIAL_PARAMS = frozenset("@*#?-$!0123456789")


def _expand(raw: str, state: _State) -> _Word:
    """Expand one shell word the way bash would before running it, as far as it is knowable now."""
    if raw.startswith(("<(", ">(")):
        return _Word("/dev/fd/63", None, False, raw)  # process substitution: a pipe, named by the shell
    out: list[str] = []
    dynamic: str | None = None
    glob = False
    i, n = 0, len(raw)
    quote = ""  # "" or '"'
    while i < n:
        ch = raw[i]
        if quote == "" and ch == "'":
            end = raw.find("'", i + 1)
            end = n if end < 0 else end
            out.append(raw[i + 1 : end])
            i = end + 1
        elif quote == "" and ch == "$" and raw.startswith("$'", i):
            end = i + 2
            while end < n and raw[end] != "'":
                end += 2 if raw[end] == "\\" else 1
            out.append(_ansi_c(raw[i + 2 : end]))
            i = end + 1
        elif ch == '"':
            quote = "" if quote else '"'
            i += 1
        elif ch == "\\":
            nxt = raw[i + 1 : i + 2]
            if quote and nxt not in {"$", "`", '"', "\\", "\n"}:
                out.append("\\")
            if nxt != "\n":
                out.append(nxt)
            i += 2
        elif ch == "`":
            end = raw.find("`", i + 1)
            dynamic = dynamic or "`...`"
            out.append("\x00")
            i = n if end < 0 else end + 1
        elif ch == "$" and i + 1 < n:
            i, text, unknown = _parameter(raw, i, state)
            if unknown:
                dynamic = dynamic or unknown
                out.append("\x00")
            else:
                out.append(text)
        elif ch == "~" and i == 0 and not quote:
            end = raw.find("/")
            end = n if end < 0 else end
            user = raw[1:end]
            home = os.path.expanduser("~" + user) if user not in {"+", "-"} else None
            if user == "+" and state.cwd is not None:
                home = state.cwd or "."
            if home is None or home.startswith("~"):
                dynamic = dynamic or raw[:end]
                out.append("\x00")
            else:
                out.append(home)
            i = end
        else:
            if not quote and ch in "*?[":
                glob = True
            out.append(ch)
            i += 1
    text = "".join(out)
    return _Word(text, dynamic, glob, raw)


MAX_BRACE_WORDS = 64


def _braces(raw: str) -> list[str]:
    """Bash brace expansion of a raw word: `a{b,c}d` → `abd acd`, `f{1..3}` → `f1 f2 f3`."""
    open_at, depth, quote, index = -1, 0, "", 0
    commas: list[int] = []
    while index < len(raw):
        ch = raw[index]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"':
                index += 1
        elif ch in {"'", '"'}:
            quote = ch
        elif ch == "\\":
            index += 1
        elif ch == "$" and raw[index + 1 : index + 2] == "{":
            end = raw.find("}", index)
            index = len(raw) if end < 0 else end
        elif ch == "{":
            if depth == 0:
                open_at, commas = index, []
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                body = raw[open_at + 1 : index]
                if commas:
                    cuts = [open_at, *commas, index]
                    options = [raw[a + 1 : b] for a, b in itertools.pairwise(cuts)]
                elif ".." in body:
                    options = _sequence(body)
                else:
                    options = []
                if options:
                    head, tail = raw[:open_at], raw[index + 1 :]
                    out: list[str] = []
                    for option in options:
                        out.extend(_braces(head + option + tail))
                        if len(out) > MAX_BRACE_WORDS:
                            return out[:MAX_BRACE_WORDS]
                    return out
        elif ch == "," and depth == 1:
            commas.append(index)
        index += 1
    return [raw]


def _sequence(body: str) -> list[str]:
    parts = body.split("..")
    if len(parts) not in {2, 3}:
        return []
    try:
        if all(p.lstrip("-").isdigit() for p in parts):
            first, last = int(parts[0]), int(parts[1])
            step = abs(int(parts[2])) if len(parts) == 3 and int(parts[2]) else 1
            values = range(first, last + 1, step) if first <= last else range(first, last - 1, -step)
            return [str(v) for v in values][:MAX_BRACE_WORDS]
        if all(len(p) == 1 and p.isalpha() for p in parts[:2]):
            first, last = ord(parts[0]), ord(parts[1])
            values = range(first, last + 1) if first <= last else range(first, last - 1, -1)
            return [chr(v) for v in values][:MAX_BRACE_WORDS]
    except ValueError:
        return []
    return []


def _parameter(raw: str, i: int, state: _State) -> tuple[int, str, str | None]:
    """A `$...` at raw[i]: (index after it, its value, why it is unknown or None)."""
    nxt = raw[i + 1]
    if nxt == "(":
        depth, j = 0, i + 1
        while j < len(raw):
            if raw[j] == "(":
                depth += 1
            elif raw[j] == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        return j + 1, "", "$((...))" if raw.startswith("$((", i) else "$(...)"
    if nxt == "{":
        end = raw.find("}", i)
        end = len(raw) if end < 0 else end
        name = raw[i + 2 : end]
        return end + 1, *_lookup(name, state, "${" + name + "}")
    if nxt in _SPECIAL_PARAMS:
        return i + 2, "", "$" + nxt
    j = i + 1
    while j < len(raw) and (raw[j].isalnum() or raw[j] == "_"):
        j += 1
    if j == i + 1:
        return i + 1, "$", None
    name = raw[i + 1 : j]
    return j, *_lookup(name, state, "$" + name)


def _lookup(name: str, state: _State, shown: str) -> tuple[str, str | None]:
    if name in state.variables:
        value = state.variables[name]
        return ("", shown) if value is None else (value, None)
    if name == "PWD" and state.cwd:
        return state.cwd, None
    if name == "HOME" and os.environ.get("HOME"):
        return os.environ["HOME"], None
    return "", shown


def _ansi_c(body: str) -> str:
    try:
        return body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return body


# -- state -------------------------------------------------------------------------------------------
@dataclass
class _State:
    cwd: str | None  # "" when unknown from the start (paths stay relative); None when lost (`cd $X`)
    variables: dict[str, str | None] = field(default_factory=dict)
    written: dict[str, str | None] = field(default_factory=dict)  # files this command writes → content
    dirstack: list[str | None] = field(default_factory=list)

    def copy(self) -> _State:
        return _State(self.cwd, dict(self.variables), self.written, list(self.dirstack))


@dataclass
class _Redirect:
    op: str
    fd: int | None
    target: _Word | None  # None for a duplication (`2>&1`) or a here-doc
    heredoc: str | None = None  # here-doc / here-string content (None when it has expansions)
    heredoc_seen: bool = False


@dataclass
class _Cmd:
    """A simple command about to run: its words, how it gets its input, and its text."""

    words: list[_Word]
    text: str
    env: dict[str, _Word] = field(default_factory=dict)
    stdin: str = "terminal"  # terminal | pipe | heredoc | file | herestring
    stdin_content: str | None = None
    stdin_file: str | None = None

    @property
    def name(self) -> str:
        return _command_name(self.words[0].text) if self.words else ""

    @property
    def args(self) -> list[_Word]:
        return self.words[1:]

    def shifted(self, count: int) -> _Cmd:
        return _Cmd(self.words[count:], self.text, self.env, self.stdin, self.stdin_content, self.stdin_file)


def _command_name(text: str) -> str:
    base = text.rsplit("/", 1)[-1]
    for family in ("python", "pypy", "perl", "ruby", "node"):
        if base.startswith(family) and all(c.isdigit() or c == "." for c in base[len(family) :]):
            return family
    return base


_IGNORED_TARGETS = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero"})
_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "busybox"})
_HOOK_ENV: dict[str, Callable[[str], bool]] = {
    "HUSKY": lambda v: v == "0",
    "HUSKY_SKIP_HOOKS": lambda v: v not in {"", "0"},
    "SKIP": lambda v: v != "",
    "PRE_COMMIT_ALLOW_NO_CONFIG": lambda v: v not in {"", "0"},
    "PRE_COMMIT": lambda v: v == "0",
    "LEFTHOOK": lambda v: v == "0",
    "LEFTHOOK_EXCLUDE": lambda v: v != "",
    "OVERCOMMIT_DISABLE": lambda v: v not in {"", "0"},
    "GIT_HOOKS_PATH": lambda v: True,
}
_OVERSIGHT_PROCESS_LINES = (
    "oversight ledger serve",
    "python3 -m oversight ledger serve",
    "/usr/bin/python3 /usr/local/bin/oversight monitor",
    "oversight hook claude-code",
)
_OVERSIGHT_PROCESS_NAMES = ("oversight", "python3", "python")


# -- the walker --------------------------------------------------------------------------------------
class _Walker:
    """Walks one script, adding effects; nested scripts (`bash -c`, functions) reuse it or a child."""

    def __init__(self, state: _State, depth: int, *, literal_only: bool = False) -> None:
        self.state = state
        self.depth = depth
        self.literal_only = literal_only  # a script read from disk: report only what it names literally
        self.effects: list[Effect] = []
        self.source = ""
        self.in_case = False  # the shlex fallback is inside a `case` (its patterns are not commands)

    # ---- entry ----
    def script(self, text: str) -> str | None:
        """Analyse a whole script; returns a parse error or None."""
        if not text.strip():
            return None
        from .. import shellparse

        bashlex = shellparse.load()
        try:
            nodes = bashlex.parse(text if text.endswith("\n") else text + "\n")
        except Exception:  # bashlex raises its own errors and NotImplementedError on unsupported syntax
            return self._per_line(text)
        self.source = text if text.endswith("\n") else text + "\n"
        for node in nodes:
            self._node(node)
        return None

    def _per_line(self, text: str) -> str | None:
        from .. import shellparse

        bashlex = shellparse.load()
        errors: list[str] = []
        for line, chunk, bodies in _logical_lines(text):
            try:
                nodes = bashlex.parse(chunk)
            except Exception:
                error = self._shlex_line(line, bodies)
                if error:
                    errors.append(error)
                continue
            self.source = chunk
            for node in nodes:
                self._node(node)
        return errors[0] if errors else None

    def child(self, state: _State | None = None, *, literal_only: bool | None = None) -> _Walker:
        walker = _Walker(
            state or self.state, self.depth + 1, literal_only=self.literal_only or bool(literal_only)
        )
        walker.effects = self.effects if not literal_only or self.literal_only else []
        return walker

    # ---- effects ----
    def add(
        self,
        kind: str,
        target: _Word | str | None,
        reason: str,
        cmd: _Cmd | str,
        content: str | None = None,
    ) -> None:
        text = cmd if isinstance(cmd, str) else cmd.text
        if target is None:
            self.effects.append(Effect(kind, None, reason, text, content))
            return
        word = target if isinstance(target, _Word) else _Word(target)
        if word.dynamic is not None:
            self.opaque(f"{reason}: target built from {word.dynamic}", text, weak=True)
            return
        if word.text in _IGNORED_TARGETS or word.text == "" or word.text.startswith("/dev/fd/"):
            return
        path = self.join(word.text)
        if path is None:
            self.opaque(f"{reason}: {word.text} relative to an unknown directory", text, weak=True)
            return
        self.effects.append(Effect(kind, path, reason, text, content, word.glob))
        if kind in {"write", "delete"}:
            self.state.written[path] = content if kind == "write" else None

    def opaque(self, reason: str, cmd: _Cmd | str, *, weak: bool = False) -> None:
        if weak and self.literal_only:
            return
        self.effects.append(Effect("opaque", None, reason, cmd if isinstance(cmd, str) else cmd.text))

    def off(self, reason: str, cmd: _Cmd | str, path: str | None = None) -> None:
        self.effects.append(Effect("oversight-off", path, reason, cmd if isinstance(cmd, str) else cmd.text))

    def join(self, path: str) -> str | None:
        """`path` joined with the current directory (None when that is unknown); `.` segments dropped."""
        if not path.startswith("/"):
            cwd = self.state.cwd
            if cwd is None:
                return None
            path = posixpath.join(cwd, path) if cwd else path
        return _drop_dots(path)

    def exists(self, path: str) -> bool:
        try:
            return os.path.exists(path)
        except (OSError, ValueError):
            return False

    def isdir(self, path: str) -> bool:
        try:
            return os.path.isdir(path)
        except (OSError, ValueError):
            return False

    # ---- bashlex nodes ----
    def _node(self, node: Any, *, stdin: str = "terminal") -> None:
        kind = getattr(node, "kind", "")
        if kind == "command":
            self._command(node, stdin=stdin)
        elif kind == "list":
            for part in node.parts:
                self._node(part)
        elif kind == "pipeline":
            self._pipeline(node)
        elif kind == "compound":
            self._compound(node, stdin=stdin)
        elif kind in {"if", "while", "until"}:
            before = self.state.cwd
            for part in node.parts:
                self._node(part)
            if self.state.cwd != before:
                self.state.cwd = None  # the body may or may not have run
        elif kind == "for":
            self._for(node)
        elif kind == "function":
            body = self.child(self.state.copy())
            for part in node.parts[1:]:
                body._node(part)

    def _pipeline(self, node: Any) -> None:
        items = [p for p in node.parts if getattr(p, "kind", "") not in {"pipe", "reservedword"}]
        for index, item in enumerate(items):
            # Every element of a pipeline runs in a subshell: its `cd` does not last.
            walker = self.child(self.state.copy()) if len(items) > 1 else self
            walker._node(item, stdin="pipe" if index > 0 else "terminal")

    def _compound(self, node: Any, *, stdin: str) -> None:
        parts = list(node.list)
        subshell = bool(parts) and getattr(parts[0], "kind", "") == "reservedword" and parts[0].word == "("
        walker = self.child(self.state.copy()) if subshell else self
        for part in parts:
            walker._node(part, stdin=stdin)
        for redirect in getattr(node, "redirects", None) or []:
            parsed = self._redirect(redirect)
            if parsed is not None:
                self._redirect_effects([parsed], _Cmd([], self._text(node)), content=None)

    def _for(self, node: Any) -> None:
        parts = list(node.parts)
        words = [p for p in parts if getattr(p, "kind", "") == "word"]
        bodies = [p for p in parts if getattr(p, "kind", "") not in {"word", "reservedword"}]
        if not words:
            for body in bodies:
                self._node(body)
            return
        name = words[0].word
        items = [item for word in words[1:] for item in self._words(word)]
        before = self.state.cwd
        literal = all(i.dynamic is None and not i.glob for i in items) and 0 < len(items) <= MAX_LOOP_ITEMS
        for value in [i.text for i in items] if literal else [None]:
            self.state.variables[name] = value
            for body in bodies:
                self._node(body)
        if self.state.cwd != before:
            self.state.cwd = None

    def _text(self, node: Any) -> str:
        start, end = node.pos
        return self.source[start:end]

    def _word(self, node: Any) -> _Word:
        return self._words(node)[0]

    def _words(self, node: Any) -> list[_Word]:
        """The words one word node becomes: usually one, several after brace expansion (`src/{a,b}`)."""
        start, end = node.pos
        raw = self.source[start:end] if self.source else node.word
        if not raw:
            raw = node.word
        for sub in _substitutions(node):
            self.child(self.state.copy())._node(sub)
        return [_expand(text, self.state) for text in _braces(raw)]

    def _redirect(self, node: Any) -> _Redirect | None:
        op = node.type
        fd = node.input if isinstance(getattr(node, "input", None), int) else None
        output = getattr(node, "output", None)
        heredoc = getattr(node, "heredoc", None)
        if op in {"<<", "<<-"}:
            from ..shellparse import unquote

            delimiter = unquote(output.word) if output is not None else ""
            raw_delim = self.source[output.pos[0] : output.pos[1]] if output is not None else ""
            body = heredoc.value if heredoc is not None else ""
            lines = body.split("\n")
            if lines and lines[-1].strip() == delimiter:
                lines = lines[:-1]
            if op == "<<-":
                lines = [line.lstrip("\t") for line in lines]
            content = "\n".join(lines) + ("\n" if lines else "")
            quoted = any(q in raw_delim for q in "'\"\\")
            if not quoted and any(ch in content for ch in "$`\\"):
                return _Redirect(op, fd, None, None, heredoc_seen=True)
            return _Redirect(op, fd, None, content, heredoc_seen=True)
        if not hasattr(output, "kind"):
            return _Redirect(op, fd, None)  # 2>&1, >&3
        word = self._word(output)
        if op == "<<<":
            return _Redirect(op, fd, None, None if word.dynamic else word.text + "\n", heredoc_seen=True)
        if op in {">&", "<&"} and (word.text.isdigit() or word.text == "-"):
            return _Redirect(op, fd, None)
        return _Redirect(op, fd, word)

    def _redirect_effects(self, redirects: list[_Redirect], cmd: _Cmd, content: str | None) -> None:
        for r in redirects:
            if r.target is None:
                continue
            if r.op in {">", ">>", ">|", "&>", "&>>", "<>", ">&"}:
                writes_stdout = r.fd in {None, 1} or r.op.startswith("&")
                self.add("write", r.target, f"redirection {r.op}", cmd, content if writes_stdout else None)
                if r.op in {">>", "&>>", "<>"} and r.target.dynamic is None:
                    path = self.join(r.target.text)
                    if path is not None and path in self.state.written:
                        self.state.written[path] = None  # appended to: the whole file is not known

    def _command(self, node: Any, *, stdin: str) -> None:
        words: list[_Word] = []
        assignments: list[tuple[str, _Word]] = []
        redirects: list[_Redirect] = []
        for part in node.parts:
            kind = getattr(part, "kind", "")
            if kind == "assignment" and not words:
                name, _, _value = part.word.partition("=")
                start = part.pos[0] + len(name) + 1
                raw = self.source[start : part.pos[1]] if self.source else _value
                value = _expand(raw, self.state)
                for sub in _substitutions(part):
                    self.child(self.state.copy())._node(sub)
                assignments.append((name.rstrip("+"), value))
            elif kind in {"word", "assignment"}:
                words.extend(self._words(part))
            elif kind == "redirect":
                parsed = self._redirect(part)
                if parsed is not None:
                    redirects.append(parsed)
        cmd = _Cmd(words, self._text(node))
        self._finish(cmd, assignments, redirects, stdin)

    def _finish(
        self, cmd: _Cmd, assignments: list[tuple[str, _Word]], redirects: list[_Redirect], stdin: str
    ) -> None:
        """Run one simple command's assignments, redirections and the command itself."""
        for name, value in assignments:
            self.assignment(name, value, cmd)
        if not cmd.words:
            for name, value in assignments:
                self.state.variables[name] = None if value.dynamic else value.text
        cmd.env = dict(assignments)
        cmd.stdin = stdin
        for r in redirects:
            if r.heredoc_seen:
                cmd.stdin, cmd.stdin_content = ("heredoc", r.heredoc)
            elif r.op == "<" and r.target is not None:
                cmd.stdin, cmd.stdin_file = "file", r.target.text if r.target.dynamic is None else None
        self._redirect_effects(redirects, cmd, _stdout_content(cmd))
        if cmd.words:
            self.run(cmd)

    def assignment(self, name: str, value: _Word, cmd: _Cmd | str) -> None:
        """A variable set for this command or exported: some switch git hooks or oversight off."""
        check = _HOOK_ENV.get(name)
        if check is not None and (value.dynamic is not None or check(value.text)):
            self.off(f"{name}={value.text or value.dynamic}: disables git hooks", cmd)
        elif name.startswith("OVERSIGHT"):
            self.off(f"{name}= changes oversight's settings", cmd)
        elif name.startswith("GIT_CONFIG") and (value.dynamic or "hookspath" in value.text.lower()):
            self.off(f"{name}: git configuration from the environment (core.hooksPath)", cmd)

    # ---- shlex fallback ----
    def _shlex_line(self, line: str, bodies: list[str] | None = None) -> str | None:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError as exc:
            return f"cannot parse the command: {exc}"
        groups: list[tuple[list[str], str]] = []
        current: list[str] = []
        for token in tokens:
            is_op = bool(token) and all(ch in ";&|()<>" for ch in token)
            if is_op and (">" in token or "<" in token):
                current.append(token)  # redirection operators stay with their command
            elif is_op:
                groups.append((current, token))
                current = []
            else:
                current.append(token)
        groups.append((current, ""))
        previous = ""
        pending_bodies = list(bodies or [])
        for group, operator in groups:
            if group[:1] == ["case"]:
                self.in_case = True
                group = group[group.index("in") + 1 :] if "in" in group else []
            if self.in_case and operator == ")":
                previous = operator
                continue  # a case pattern, not a command
            if group[:1] == ["esac"]:
                self.in_case = False
            stdin = "pipe" if previous in {"|", "|&"} else "terminal"
            self._shlex_command(group, line, stdin=stdin, bodies=pending_bodies)
            previous = operator
        return None

    def _shlex_command(self, tokens: list[str], line: str, *, stdin: str, bodies: list[str]) -> None:
        while tokens and tokens[0] in _KEYWORDS:
            tokens = tokens[1:]
        words: list[_Word] = []
        assignments: list[tuple[str, _Word]] = []
        redirects: list[_Redirect] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token and all(ch in "<>&|" for ch in token) and ("<" in token or ">" in token):
                target = tokens[index + 1] if index + 1 < len(tokens) else ""
                fd = None
                if words and words[-1].text.isdigit() and words[-1].raw == words[-1].text:
                    fd = int(words.pop().text)
                index += 2
                if token in {"<<", "<<-"}:
                    body = bodies.pop(0) if bodies else None
                    if body is not None and any(ch in body for ch in "$`\\"):
                        body = None  # the delimiter's quoting is lost here: the body may be expanded
                    redirects.append(_Redirect(token, fd, None, body, heredoc_seen=True))
                elif token.endswith("&") and (target.isdigit() or target == "-"):
                    continue
                elif token == "<<<":
                    redirects.append(_Redirect(token, fd, None, target + "\n", heredoc_seen=True))
                else:
                    redirects.append(_Redirect(token.replace(">|", ">"), fd, _shlex_word(target, self.state)))
                continue
            if not words and "=" in token and token.split("=", 1)[0].isidentifier():
                name, _, value = token.partition("=")
                assignments.append((name, _shlex_word(value, self.state)))
            else:
                words.append(_shlex_word(token, self.state))
            index += 1
        self.source = line
        self._finish(_Cmd(words, line), assignments, redirects, stdin)

    # ---- running a simple command ----
    def run(self, cmd: _Cmd) -> None:
        if not cmd.words:
            return
        head = cmd.words[0]
        if head.dynamic is not None:
            self.opaque(f"command name built from {head.dynamic}", cmd)
            return
        if self.depth > MAX_DEPTH:
            self.opaque("commands nested too deeply to follow", cmd)
            return
        handler = _HANDLERS.get(cmd.name)
        if handler is not None:
            handler(self, cmd)
        else:
            self._program_script(cmd)

    def _program_script(self, cmd: _Cmd) -> None:
        """`./script.sh` run directly: follow it when this very command wrote it."""
        head = cmd.words[0].text
        if "/" not in head:
            return
        path = self.join(head)
        if path is not None and path in self.state.written:
            self.script_file(path, cmd, _language_of(self.state.written[path] or ""))

    def recurse(self, text: str, cmd: _Cmd, reason: str) -> None:
        """Analyse a command string that `cmd` hands to a shell (`bash -c`, `su -c`, `os.system`)."""
        walker = self.child(self.state.copy())
        if walker.depth > MAX_DEPTH:
            self.opaque(f"{reason}: nested too deeply to follow", cmd)
            return
        error = walker.script(text)
        if error is not None:
            self.opaque(f"{reason}: {error}", cmd)

    def script_file(self, path: str, cmd: _Cmd, language: str) -> None:
        """A script `cmd` runs: written by this command → follow it; on disk → read it; else opaque."""
        if path in self.state.written:
            content = self.state.written[path]
            if content is None:
                self.opaque(f"runs {path}, which this command writes with content it cannot see", cmd)
            else:
                self.code(content, language, cmd, f"{cmd.name} {posixpath.basename(path)}")
            return
        text = read_regular_file(path, MAX_SCRIPT_BYTES)
        if text is None:
            self.opaque(f"runs {path}, which cannot be read now", cmd, weak=True)
            return
        if len(text) > MAX_SCRIPT_BYTES or "\x00" in text:
            return  # a big program: what programs do is the kernel sandbox's business
        walker = self.child(self.state.copy(), literal_only=True)
        walker.code(text, language, cmd, f"{cmd.name} {posixpath.basename(path)}")
        self.effects.extend(walker.effects if walker.effects is not self.effects else [])

    def code(self, code: str, language: str, cmd: _Cmd, label: str) -> None:
        """Inline code in `language` that `cmd` runs."""
        from . import inline_code  # imports `ast`: only when a command carries code

        if language == "shell":
            self.recurse(code, cmd, label)
            return
        found = (
            inline_code.python_effects(code)
            if language == "python"
            else inline_code.primitive_effects(code, language)
        )
        for effect in found:
            reason = effect.reason.replace("python -c", label, 1) if language == "python" else effect.reason
            if effect.kind == "shell" and effect.path is not None:
                self.recurse(effect.path, cmd, f"{label}: {effect.reason}")
            elif effect.kind == "opaque":
                self.opaque(reason, cmd, weak=effect.computed)
            else:
                self.add(effect.kind, effect.path, reason, cmd, effect.content)


_SHEBANG_LANGUAGES = {
    "python": "python",
    "pypy": "python",
    "perl": "perl",
    "ruby": "ruby",
    "node": "javascript",
}


def _language_of(script: str) -> str:
    """The language a script's `#!` line names (shell when it names none we know)."""
    first = script.split("\n", 1)[0]
    if not first.startswith("#!"):
        return "shell"
    words = first[2:].split()
    if words and posixpath.basename(words[0]) == "env":
        words = [w for w in words[1:] if not w.startswith("-")]
    program = _command_name(words[0]) if words else ""
    return _SHEBANG_LANGUAGES.get(program, "shell")


def read_regular_file(path: str, limit: int) -> str | None:
    """Up to limit+1 characters of a regular file, None for anything else: a FIFO or a device could block the
    hook forever (and a hook that times out lets the command through)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1).decode("utf-8", "replace")
    except OSError:
        return None
    finally:
        os.close(fd)


def _drop_dots(path: str) -> str:
    """`./a/./b/.` → `a/b`, `dir/` → `dir`: harmless to drop, unlike `..` (a symlink gives it meaning)."""
    absolute = path.startswith("/")
    kept = [part for part in path.split("/") if part not in {"", "."}]
    if not kept:
        return "/" if absolute else "."
    return ("/" if absolute else "") + "/".join(kept)


def _shlex_word(token: str, state: _State) -> _Word:
    dynamic = None
    if "$" in token or "`" in token:
        inner = token[token.find("$") :] if "$" in token else "`...`"
        dynamic = inner[:20]
    glob = any(ch in token for ch in "*?[")
    text = token
    if token.startswith("~"):
        text = os.path.expanduser(token)
    return _Word(text, dynamic, glob, token)


_KEYWORDS = frozenset(
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
        "esac",
        "{",
        "}",
        "!",
        "time",
        "function",
    }
)


def _logical_lines(text: str) -> Iterator[tuple[str, str, list[str]]]:
    """Each logical line (continuations joined), the chunk bashlex should see (the line and the bodies of
    its here-documents), and those bodies."""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        pending: list[str] = []
        while index < len(lines) and lines[index].endswith("\\"):
            pending.append(lines[index][:-1])
            index += 1
        if index < len(lines):
            pending.append(lines[index])
            index += 1
        line = " ".join(pending).strip()
        chunk = [line]
        bodies: list[str] = []
        for delimiter, strip_tabs in _heredoc_delimiters(line):
            body: list[str] = []
            while index < len(lines):
                current = lines[index].lstrip("\t") if strip_tabs else lines[index]
                index += 1
                chunk.append(lines[index - 1])
                if current == delimiter:
                    break
                body.append(current)
            bodies.append("".join(b + "\n" for b in body))
        if line and not line.startswith("#"):
            yield line, "\n".join(chunk) + "\n", bodies


def _heredoc_delimiters(line: str) -> list[tuple[str, bool]]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError:
        return []
    found: list[tuple[str, bool]] = []
    for token, following in itertools.pairwise(tokens):
        if token == "<<":
            strip_tabs = following.startswith("-")
            found.append((following[1:] if strip_tabs else following, strip_tabs))
    return found


def _substitutions(node: Any) -> Iterator[Any]:
    for child in getattr(node, "parts", None) or []:
        if getattr(child, "kind", "") in {"commandsubstitution", "processsubstitution"}:
            yield child.command
        else:
            yield from _substitutions(child)


def _stdout_content(cmd: _Cmd) -> str | None:
    """What `cmd` prints, when that is knowable from its words alone (`echo x`, `cat <<EOF`)."""
    if not cmd.words or any(w.dynamic for w in cmd.words):
        return None
    args = [w.text for w in cmd.args]
    if cmd.name == "echo":
        newline = True
        while args and args[0] in {"-n", "-e", "-E", "-ne", "-en"}:
            if "e" in args[0] and any("\\" in a for a in args):
                return None
            newline = newline and "n" not in args[0]
            args = args[1:]
        return " ".join(args) + ("\n" if newline else "")
    if cmd.name == "printf" and len(args) == 1 and "%" not in args[0] and "\\" not in args[0]:
        return args[0]
    if (
        cmd.name in {"cat", "tee"}
        and cmd.stdin == "heredoc"
        and not [a for a in args if not a.startswith("-")]
    ):
        return cmd.stdin_content
    if cmd.name == "cat" and cmd.stdin == "heredoc" and args == ["-"]:
        return cmd.stdin_content
    return None


# -- option parsing ----------------------------------------------------------------------------------
@dataclass
class _Parsed:
    options: list[tuple[str, _Word | None]]
    operands: list[_Word]
    after_dashdash: bool = False

    def has(self, *names: str) -> bool:
        return any(name in names for name, _ in self.options)

    def values(self, *names: str) -> list[_Word]:
        return [value for name, value in self.options if name in names and value is not None]


def _parse(
    args: list[_Word],
    short_values: str = "",
    long_values: frozenset[str] = frozenset(),
    *,
    stop_at_operand: bool = False,
) -> _Parsed:
    """GNU-style options: `-abc`, `-ovalue`, `-o value`, `--long=value`, `--long value`, `--`."""
    parsed = _Parsed([], [])
    index = 0
    while index < len(args):
        word = args[index]
        text = word.text
        index += 1
        if text == "--" and word.dynamic is None:
            parsed.operands.extend(args[index:])
            parsed.after_dashdash = True
            break
        if text.startswith("--") and word.dynamic is None:
            name, eq, value = text[2:].partition("=")
            if eq:
                parsed.options.append((name, _Word(value, raw=value)))
            elif name in long_values and index < len(args):
                parsed.options.append((name, args[index]))
                index += 1
            else:
                parsed.options.append((name, None))
        elif text.startswith("-") and len(text) > 1 and word.dynamic is None:
            cluster = text[1:]
            for pos, letter in enumerate(cluster):
                if letter in short_values:
                    rest = cluster[pos + 1 :]
                    if rest:
                        parsed.options.append((letter, _Word(rest, raw=rest)))
                    elif index < len(args):
                        parsed.options.append((letter, args[index]))
                        index += 1
                    else:
                        parsed.options.append((letter, None))
                    break
                parsed.options.append((letter, None))
        else:
            parsed.operands.append(word)
            if stop_at_operand:
                parsed.operands.extend(args[index:])
                break
    return parsed


Handler = Callable[[_Walker, _Cmd], None]
_HANDLERS: dict[str, Handler] = {}


def _handles(*names: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        for name in names:
            _HANDLERS[name] = func
        return func

    return register


def _basename(word: _Word) -> str:
    return posixpath.basename(word.text.rstrip("/")) or word.text


def _into(walker: _Walker, directory: _Word, source: _Word) -> _Word:
    """`cp x dir/` writes dir/x."""
    if directory.dynamic is not None or source.dynamic is not None:
        return directory if directory.dynamic is not None else source
    text = directory.text.rstrip("/") + "/" + _basename(source)
    return _Word(text, None, source.glob or directory.glob, text)


def _is_directory(walker: _Walker, word: _Word) -> bool:
    if word.dynamic is not None:
        return False
    if word.text.endswith("/"):
        return True
    path = walker.join(word.text)
    return path is not None and walker.isdir(path)


def _names(text: str) -> frozenset[str]:
    """A set of option names written as one space-separated string."""
    return frozenset(text.split())


def _each(walker: _Walker, cmd: _Cmd, kind: str, targets: Iterable[_Word], reason: str) -> None:
    for target in targets:
        walker.add(kind, target, reason, cmd)


# The command handlers register themselves in _HANDLERS.
from . import shell_commands, shell_files, shell_git  # noqa: E402, F401
