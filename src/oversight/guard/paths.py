"""Path rules for the guard: gitignore-like globs compiled once, and paths normalised the way the kernel sees
them (relative to the agent's cwd, `..`, symlinks, `/proc/self/cwd`, `//`), so a trick cannot dodge a rule.

Cheap to import: the hook calls this on every tool call.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

GLOB_CHARS = frozenset("*?[")
# Streams the shell or a tool may name; never a file of the repository.
_STREAMS = frozenset({"/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/null"})
_SELF_PROCS = ("/proc/self/", "/proc/thread-self/")


class GlobError(ValueError):
    """A pattern that is not a valid glob (unclosed `[`, an empty or `..` segment, a NUL)."""


class BadPath(ValueError):
    """A path no file can safely be named by (NUL, newline, empty)."""


class Unresolvable(ValueError):
    """A path whose file the guard cannot know (the agent's own `/proc/self/fd/N`)."""


def glob_escape(text: str) -> str:
    """A literal path as a glob that matches only itself."""
    return re.sub(r"([*?\[\\])", r"\\\1", text)


def _segment_regex(segment: str, pattern: str) -> str:
    if not any(c in segment for c in "*?[\\"):
        return re.escape(segment)
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "\\":
            if i + 1 >= len(segment):
                raise GlobError(f"bad glob {pattern!r}: trailing backslash")
            out.append(re.escape(segment[i + 1]))
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = segment.find("]", i + 2 if segment[i + 1 : i + 2] in ("!", "^", "]") else i + 1)
            if end < 0:
                raise GlobError(f"bad glob {pattern!r}: unclosed '['")
            body = segment[i + 1 : end]
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            body = body.replace("\\", "\\\\").replace("^", "\\^").replace("[", "\\[")
            out.append(f"[{'^/' if negate else ''}{body}]")
            i = end + 1
            continue
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def is_literal(segment: str) -> bool:
    stripped = re.sub(r"\\.", "", segment)
    return not any(c in GLOB_CHARS for c in stripped)


def unescape(segment: str) -> str:
    return re.sub(r"\\(.)", r"\1", segment)


def split_glob(pattern: str) -> tuple[str, ...]:
    """The segments of a root-relative gitignore-like pattern: a pattern with no inner `/` matches at any
    depth (`**/NAME`); a trailing `/**` (or `/`) is dropped because a rule covers a folder and all beneath."""
    if not pattern or pattern.strip() != pattern:
        raise GlobError(f"bad glob {pattern!r}: empty or surrounded by spaces")
    if "\0" in pattern or "\n" in pattern or "\r" in pattern:
        raise GlobError(f"bad glob {pattern!r}: control character")
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/") if pattern.startswith("/") else pattern.rstrip("/")
    if not body:
        raise GlobError(f"bad glob {pattern!r}: names no path")
    segments = body.split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            raise GlobError(f"bad glob {pattern!r}: empty, '.' or '..' segment")
        if segment != "**" and "**" in segment:
            raise GlobError(f"bad glob {pattern!r}: '**' must be a whole segment")
        _segment_regex(segment, pattern)
    while len(segments) > 1 and segments[-1] == "**":
        segments.pop()
    if not anchored and segments != ["**"]:
        segments = ["**", *segments]
    return tuple(segments)


def segments_regex(segments: tuple[str, ...], pattern: str) -> re.Pattern[str]:
    """Matches a `/`-joined path (no leading `/`) that the segments name, or anything beneath it."""
    parts: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            parts.append(".*" if last else "(?:.*/)?")
        else:
            parts.append(_segment_regex(segment, pattern) + ("" if last else "/"))
    return re.compile("(?:" + "".join(parts) + ")(?:/.*)?", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Rule:
    """One protected pattern: `base` is the folder it is relative to (the repo root, or "/" for absolute
    built-ins), `name` the rule id a Decision reports ("deny:monitoring/**", "builtin:hook-config")."""

    outcome: str
    name: str
    pattern: str
    base: str
    segments: tuple[str, ...]
    why: str
    origin: str = "built-in"

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first need: compiling every rule's pattern would cost a hook ~10 ms per call."""
        return segments_regex(self.segments, self.pattern)

    @functools.cached_property
    def literals(self) -> tuple[str, ...]:
        """The pattern's literal segments, case-folded: a path that lacks one cannot match (checked first)."""
        return tuple(unescape(s).casefold() for s in self.segments if s != "**" and is_literal(s))

    @classmethod
    def relative(cls, outcome: str, name: str, pattern: str, root: str, why: str, origin: str) -> Rule:
        return cls(outcome, name, pattern, root, split_glob(pattern), why, origin)

    @classmethod
    def absolute(
        cls, outcome: str, name: str, literal: str, suffix: str, why: str, origin: str = "built-in"
    ) -> Rule:
        """A rule on an absolute path: `literal` (a real path, escaped here) then an optional glob suffix."""
        literal = os.path.normpath(literal)
        pattern = glob_escape(literal.strip("/")) + ("/" + suffix if suffix else "")
        segments = tuple(s for s in pattern.split("/") if s)
        while len(segments) > 1 and segments[-1] == "**":
            segments = segments[:-1]
        shown = literal.rstrip("/") + "/" + suffix if suffix else literal
        return cls(outcome, name, shown, "/", segments, why, origin)

    def relative_path(self, path: str) -> str | None:
        """`path` (absolute, normalised) relative to this rule's base, or None when outside it."""
        if self.base == "/":
            return path.lstrip("/")
        if path == self.base:
            return ""
        if path.startswith(self.base + "/"):
            return path[len(self.base) + 1 :]
        return None

    def matches(self, path: str) -> bool:
        rel = self.relative_path(path)
        if not rel:
            return False
        folded = rel.casefold()
        if not all(literal in folded for literal in self.literals):
            return False
        return self.regex.fullmatch(rel) is not None

    def beneath(self, folder: str) -> tuple[str | None, set[str]]:
        """Inside the existing folder `folder` (which this rule does not itself match): a protected path found
        by name, else the folders that must be walked to know whether one lies there."""
        rel = self.relative_path(folder)
        if rel is None:
            if self.base != "/" and (self.base + "/").startswith(folder.rstrip("/") + "/"):
                rel_segments: tuple[str, ...] = ()
                start = self.base
            else:
                return None, set()
        else:
            rel_segments = tuple(s for s in rel.split("/") if s)
            start = folder
        walk: set[str] = set()
        for rest in _remainders(self.segments, rel_segments):
            literal: list[str] = []
            for segment in rest:
                if segment == "**" or not is_literal(segment):
                    break
                literal.append(unescape(segment))
            top = os.path.join(start, *literal) if literal else start
            if len(literal) == len(rest):
                if os.path.lexists(top):
                    return top, set()
            elif os.path.isdir(top) and not os.path.islink(top):
                walk.add(top)
        return None, walk


def _remainders(pattern: tuple[str, ...], path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The non-empty rests of `pattern` left once its head has matched all of `path` (a folder): what could
    still match beneath that folder."""
    if not path:
        if pattern:
            yield pattern
        return
    if not pattern:
        return
    head = pattern[0]
    if head == "**":
        yield from _remainders(pattern[1:], path)
        yield from _remainders(pattern, path[1:])
        return
    if re.fullmatch(_segment_regex(head, head), path[0], re.IGNORECASE):
        yield from _remainders(pattern[1:], path[1:])


def check_text(path: str) -> None:
    if not path:
        raise BadPath("an empty path")
    if "\0" in path:
        raise BadPath(f"a path with a NUL byte ({path!r})")
    if "\n" in path or "\r" in path:
        raise BadPath(f"a path with a line break ({path!r})")


def normalise(path: str, cwd: str) -> tuple[str, str] | None:
    """(lexical, resolved) absolute forms of `path` as the agent in `cwd` names it: lexical has `..`, `//`
    and `.` removed; resolved follows every symlink (also a dangling last one, and symlinked folders).
    None for a stream (/dev/stdout). BadPath for NUL/newline; Unresolvable for the agent's own fds."""
    check_text(path)
    if path.startswith("~"):
        path = os.path.expanduser(path)
    if not os.path.isabs(path):
        path = os.path.join(cwd, path)
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if parts[:1] == ["dev"] and parts[1:2] == ["fd"]:
        parts = ["proc", "self", *parts[1:]]
    if (
        parts[:1] == ["proc"]
        and parts[1:2] in (["self"], ["thread-self"])
        and parts[2:3] in (["cwd"], ["root"])
    ):
        base = cwd if parts[2] == "cwd" else "/"
        parts = [p for p in base.split("/") if p] + parts[3:]
    raw = "/" + "/".join(parts)
    lexical = os.path.normpath(raw)
    if lexical in _STREAMS:
        return None
    if re.fullmatch(r"/proc/(?:self|thread-self)/fd/(?:[012])", lexical):
        return None
    if lexical.startswith(tuple(p + "fd/" for p in _SELF_PROCS)):
        raise Unresolvable(f"{path} names one of the agent's open files, which the guard cannot see")
    return lexical, os.path.realpath(raw)
