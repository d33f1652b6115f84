"""The one decision core: allow / ask / deny for an agent's Action under a Policy, from the paths it would
change (policy rules on resolved paths) and the content it would produce (`oversight.detect`'s rules).

A high-severity finding denies even where no path is protected; a medium one does what `guard.medium` says
(default allow, the finding travels with the decision). Any internal error denies: `decide` never raises.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..policy import PathMatch, Policy
from ..types import Action, Decision, FileChange, Finding

MAX_CONTENT = 4 * 1024 * 1024
MAX_COMMAND = 256 * 1024
MAX_GLOB_MATCHES = 5000
_RANK = {"allow": 0, "ask": 1, "deny": 2}
_CHANGE_KINDS = ("write", "edit", "patch", "notebook", "delete")


@dataclass
class _Verdict:
    """The outcomes gathered while looking at one action; the most severe decides."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, outcome: str, rule: str, reason: str) -> None:
        self.entries.append((outcome, rule, reason))

    @property
    def denied(self) -> bool:
        return any(outcome == "deny" for outcome, _, _ in self.entries)

    def path(self, match: PathMatch | None) -> None:
        if match is not None:
            self.add(match.outcome, match.rule, match.reason)

    def decision(self) -> Decision:
        worst = max((_RANK[o] for o, _, _ in self.entries), default=0)
        if worst == 0:
            return Decision("allow", findings=tuple(self.findings))
        ranked = sorted(self.entries, key=lambda e: -_RANK[e[0]])
        reasons = tuple(dict.fromkeys(reason for outcome, _, reason in ranked if outcome != "allow"))
        return Decision(ranked[0][0], reasons, ranked[0][1], tuple(self.findings))


def decide(action: Action, policy: Policy) -> Decision:
    """The guard's answer to `action`: never raises; an internal error is a deny with rule "error"."""
    try:
        return _decide(action, policy)
    except Exception as exc:  # fail closed on anything
        return Decision("deny", (f"the guard failed ({type(exc).__name__}: {exc}), so it refuses",), "error")


def _decide(action: Action, policy: Policy) -> Decision:
    cwd = action.cwd if action.cwd and os.path.isabs(action.cwd) else str(policy.root)
    verdict = _Verdict()
    if action.kind == "read":
        for path in action.paths:
            verdict.path(policy.classify_read(path, cwd))
        return verdict.decision()
    if action.kind == "unknown":
        if action.touches_files:
            verdict.add(
                "deny",
                "unknown-tool",
                f"the guard does not know the tool {action.tool or '(unnamed)'!r}, which may change files",
            )
        return verdict.decision()
    if action.kind == "command":
        _command(action, policy, cwd, verdict)
        return verdict.decision()
    if action.kind not in _CHANGE_KINDS:
        verdict.add("deny", "error", f"unknown action kind {action.kind!r}")
        return verdict.decision()
    if action.kind == "patch":
        _patch(action, policy, cwd, verdict)
        return verdict.decision()
    if not action.paths:
        verdict.add("deny", "error", f"a {action.kind} that names no file")
        return verdict.decision()
    changes: list[FileChange] = []
    for path in action.paths:
        match = policy.classify(path, cwd, contents=action.kind == "delete")
        before = _read(path, cwd)
        after = _after(action, before)
        if action.phase == "post" and action.kind == "edit":
            before, after = _undo_edits(action, before), before
        elif action.phase == "post":
            before = None  # the file on disk is already the result
        _path_with_content(policy, match, before, after, verdict)
        refused_edit = action.kind == "edit" and after is None  # the tool will refuse it: nothing changes
        if action.kind != "notebook" and not refused_edit:
            changes.append(_file_change(policy, path, cwd, before, after))
    if not verdict.denied:  # a path already denied needs no content scan (the slowest part of a hook)
        _scan(changes, policy, verdict)
    return verdict.decision()


def _after(action: Action, before: bytes | None) -> bytes | None:
    """The file's content once the action is done; None when deleted or unknowable."""
    if action.kind == "delete":
        return None
    if action.kind == "write":
        return (action.content or "").encode("utf-8", "surrogateescape")
    if action.kind == "edit":
        text = before.decode("utf-8", "surrogateescape") if before is not None else None
        for old, new in action.edits:
            if old == "" and text is None:
                text = new
            elif text is not None and old and old in text:
                text = text.replace(old, new)
            else:
                return None  # the tool will refuse this edit; nothing to scan
        return text.encode("utf-8", "surrogateescape") if text is not None else None
    return None


def _undo_edits(action: Action, after: bytes | None) -> bytes | None:
    if after is None:
        return None
    text = after.decode("utf-8", "surrogateescape")
    for old, new in reversed(action.edits):
        if new and new in text:
            text = text.replace(new, old)
    return text.encode("utf-8", "surrogateescape")


def _path_with_content(
    policy: Policy, match: PathMatch | None, before: bytes | None, after: bytes | None, verdict: _Verdict
) -> None:
    """A policy match, where pyproject.toml's policy table is protected only if the change touches it."""
    if match is None:
        return
    if match.rule == "builtin:policy-table":
        if before is not None and after is not None:
            same = _same_policy_table(before, after)
            if same:
                return
            if same is None:
                verdict.add("ask", match.rule, match.reason + "; the guard cannot parse the new file")
                return
        elif after is None and before is not None and b"oversight" not in before:
            return
    verdict.path(match)


def _same_policy_table(before: bytes, after: bytes) -> bool | None:
    import tomllib

    def table(data: bytes) -> object:
        tool = tomllib.loads(data.decode("utf-8", "replace")).get("tool", {})
        return tool.get("oversight") if isinstance(tool, dict) else None

    try:
        old = table(before)
    except tomllib.TOMLDecodeError:
        old = None
    try:
        return table(after) == old
    except tomllib.TOMLDecodeError:
        return None


def _command(action: Action, policy: Policy, cwd: str, verdict: _Verdict) -> None:
    command = action.command or ""
    if not command.strip():
        return
    if len(command) > MAX_COMMAND:
        verdict.add(
            "ask", "shell:too-long", f"the command is too long to analyse ({len(command)} characters)"
        )
        return
    from . import shell

    analysis = shell.analyse(command, cwd)
    if analysis.error:
        verdict.add("ask", "shell:parse-error", f"the guard cannot parse this command ({analysis.error})")
    changes: list[FileChange] = []
    for effect in analysis.effects:
        if effect.kind == "oversight-off":
            verdict.add("deny", "shell:oversight-off", effect.reason)
        elif effect.kind == "opaque":
            verdict.add("ask", "shell:opaque", f"the guard cannot see what this runs: {effect.reason}")
        elif effect.kind == "read":
            if effect.path:
                verdict.path(policy.classify_read(effect.path, cwd))
        elif effect.kind in ("write", "delete", "metadata"):
            if not effect.path:
                verdict.add("ask", "shell:unknown-path", f"{effect.reason} (a path the guard cannot know)")
                continue
            for path in _effect_paths(effect.path, effect.glob, cwd, verdict):
                match = policy.classify(path, cwd, contents=effect.kind != "write")
                if match is not None and match.rule == "builtin:policy-table":
                    verdict.add(
                        "ask",
                        match.rule,
                        match.reason
                        + f"; the guard cannot see whether `{effect.command}` changes that table",
                    )
                else:
                    verdict.path(match)
            if effect.kind == "write" and effect.content is not None and not effect.glob:
                data = effect.content.encode("utf-8", "surrogateescape")
                changes.append(_file_change(policy, effect.path, cwd, None, data))
        else:
            verdict.add("ask", "shell:unknown-effect", f"an effect the guard does not know: {effect.kind}")
    _scan(changes, policy, verdict)


def _effect_paths(path: str, is_glob: bool, cwd: str, verdict: _Verdict) -> Iterable[str]:
    """The path itself and, for a glob, every existing path it expands to (hidden ones too)."""
    yield path
    if not is_glob:
        return
    import glob

    pattern = os.path.expanduser(path)
    try:
        matches = glob.iglob(pattern, root_dir=cwd, recursive=True, include_hidden=True)
        for count, found in enumerate(matches):
            if count >= MAX_GLOB_MATCHES:
                verdict.add("ask", "shell:glob", f"{path} matches too many files to check them all")
                return
            yield found
    except (OSError, ValueError) as exc:
        verdict.add("ask", "shell:glob", f"the guard cannot expand {path}: {exc}")


def _patch(action: Action, policy: Policy, cwd: str, verdict: _Verdict) -> None:
    text = action.patch or ""
    if len(text) > MAX_CONTENT:
        verdict.add("ask", "patch:too-large", f"the patch is too large to check ({len(text)} characters)")
        return
    try:
        touched = files_of_patch(text, lambda p: _read(p, cwd))
    except PatchError as exc:
        verdict.add("deny", "patch:unreadable", f"the guard cannot read this patch: {exc}")
        return
    changes: list[FileChange] = []
    for item in touched:
        for path in dict.fromkeys(p for p in (item.old_path, item.path) if p):
            match = policy.classify(path, cwd)
            _path_with_content(policy, match, item.before, item.after, verdict)
        changes.append(
            _file_change(
                policy, item.path, cwd, item.before, item.after, partial=item.partial, old=item.old_path
            )
        )
    _scan(changes, policy, verdict)


def _read(path: str, cwd: str) -> bytes | None:
    full = os.path.join(cwd, os.path.expanduser(path))
    try:
        if os.path.getsize(full) > MAX_CONTENT:
            return None
        with open(full, "rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def _file_change(
    policy: Policy,
    path: str,
    cwd: str,
    before: bytes | None,
    after: bytes | None,
    *,
    partial: bool = False,
    old: str | None = None,
) -> FileChange:
    """A FileChange named as `scan` expects: relative to the repo root when inside it."""

    def name(raw: str) -> str:
        return policy.display(os.path.normpath(os.path.join(cwd, os.path.expanduser(raw))))

    return FileChange(name(path), before, after, old_path=name(old) if old else None, partial=partial)


def _scan(changes: list[FileChange], policy: Policy, verdict: _Verdict) -> None:
    """`detect`'s rules on the change: high denies, medium does what the policy says."""
    changes = [c for c in changes if c.before != c.after]
    if not changes:
        return
    if any(len(c.after or b"") > MAX_CONTENT for c in changes):
        verdict.add("ask", "scan:too-large", "the new content is too large to check")
        return
    from ..detect import scan
    from ..types import Change, Severity

    result = scan(Change(tuple(changes), "proposed by an agent"))
    for finding in result.findings:
        if finding.severity < Severity.MEDIUM:
            continue
        verdict.findings.append(finding)
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        reason = f"{where}: {finding.rule} {finding.name}: {finding.message}"
        if finding.severity == Severity.HIGH:
            verdict.add("deny", finding.rule, reason)
        elif policy.medium != "allow":
            verdict.add(policy.medium, finding.rule, reason)


class PatchError(ValueError):
    """A patch in neither Codex's `*** Begin Patch` format nor unified diff form."""


@dataclass(frozen=True)
class Patched:
    """One file a patch touches, with its content before and (when the hunks apply) after."""

    path: str
    old_path: str | None
    before: bytes | None
    after: bytes | None
    partial: bool = False


def files_of_patch(text: str, read: Callable[[str], bytes | None]) -> list[Patched]:
    """Every file a Codex `apply_patch` or unified diff touches (`read(path)` gives its current content)."""
    if text.lstrip().startswith("*** Begin Patch"):
        return _codex_patch(text, read)
    from ..detect.sources import SourceError
    from ..detect.sources.diff import change_from_diff

    try:
        change = change_from_diff(text, read)
    except SourceError as exc:
        raise PatchError(str(exc)) from None
    return [Patched(f.path, f.old_path, f.before, f.after, f.partial) for f in change]


def _codex_patch(text: str, read: Callable[[str], bytes | None]) -> list[Patched]:
    """Codex's format: `*** Add File: P` (+lines), `*** Delete File: P`, `*** Update File: P` with an
    optional `*** Move to: Q` and `@@` chunks of ` `/`-`/`+` lines, between Begin and End Patch."""
    out: list[Patched] = []
    lines = text.strip().splitlines()
    if lines[-1].strip() != "*** End Patch":
        raise PatchError("no '*** End Patch' line")
    body = lines[1:-1]
    index = 0
    while index < len(body):
        line = body[index]
        index += 1
        if not line.strip():
            continue
        for marker in ("*** Add File: ", "*** Delete File: ", "*** Update File: "):
            if line.startswith(marker):
                break
        else:
            raise PatchError(f"unexpected line {line[:80]!r}")
        path = line[len(marker) :].strip()
        block: list[str] = []
        while index < len(body) and not body[index].startswith(
            ("*** Add File: ", "*** Delete File: ", "*** Update File: ")
        ):
            block.append(body[index])
            index += 1
        before = read(path)
        if marker.startswith("*** Add"):
            added = "".join(b[1:] + "\n" for b in block if b.startswith("+"))
            out.append(Patched(path, None, before, added.encode("utf-8", "surrogateescape")))
        elif marker.startswith("*** Delete"):
            out.append(Patched(path, None, before, None))
        else:
            moved = None
            if block and block[0].startswith("*** Move to: "):
                moved = block.pop(0)[len("*** Move to: ") :].strip()
            after = _apply_chunks(before, block)
            if after is None:
                plus = "".join(b[1:] + "\n" for b in block if b.startswith("+"))
                out.append(
                    Patched(moved or path, path if moved else None, None, plus.encode(), partial=False)
                )
            else:
                out.append(Patched(moved or path, path if moved else None, before, after))
    if not out:
        raise PatchError("the patch names no file")
    return out


def _apply_chunks(before: bytes | None, block: list[str]) -> bytes | None:
    """The new content when every chunk's old lines are found in order in `before`; else None."""
    if before is None:
        return None
    lines = before.decode("utf-8", "surrogateescape").splitlines()
    chunks: list[list[str]] = [[]]
    for line in block:
        if line.startswith("@@"):
            chunks.append([])
        elif line.startswith("*** End of File"):
            continue
        elif line[:1] in (" ", "-", "+") or line == "":
            chunks[-1].append(line if line else " ")
        else:
            return None
    cursor = 0
    for chunk in chunks:
        if not chunk:
            continue
        old = [c[1:] for c in chunk if c[0] in " -"]
        new = [c[1:] for c in chunk if c[0] in " +"]
        at = _find(lines, old, cursor)
        if at is None:
            return None
        lines[at : at + len(old)] = new
        cursor = at + len(new)
    ending = "\n" if before.endswith(b"\n") or not before else ""
    return ("\n".join(lines) + ending).encode("utf-8", "surrogateescape")


def _find(lines: list[str], old: list[str], start: int) -> int | None:
    if not old:
        return len(lines)
    for strip in (False, True):
        for at in range(start, len(lines) - len(old) + 1):
            window = lines[at : at + len(old)]
            if (window == old) if not strip else [w.rstrip() for w in window] == [o.rstrip() for o in old]:
                return at
    return None
