"""The shared vocabulary of oversight: changes, findings and severities.

Every package speaks in these types so that a finding from `detect` means the same thing to the CLI,
the guard, the ledger and the evals.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How sure a finding is: high = near-certain gaming or tampering, medium = needs a look, low = notable."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected high, medium or low)") from None


@dataclass(frozen=True)
class FileChange:
    """One file before and after a change; `None` means absent (added or deleted).

    `partial` marks a file known only through diff hunks: `before`/`after` then hold the hunk lines at their
    real line numbers with blank lines in the gaps. `added_lines`/`removed_lines`, when a source knows them
    (git, a diff), are the changed line numbers of after/before; otherwise they are computed from the texts.
    """

    path: str
    before: bytes | None
    after: bytes | None
    old_path: str | None = None
    partial: bool = False
    added_lines: frozenset[int] | None = None
    removed_lines: frozenset[int] | None = None

    @property
    def status(self) -> str:
        if self.before is None and self.after is not None:
            return "added"
        if self.after is None:
            return "deleted"
        if self.old_path and self.old_path != self.path:
            return "renamed"
        return "modified"


@dataclass(frozen=True)
class Change:
    """A set of file changes, from a git range, the working tree, a diff, or an edit an agent proposes."""

    files: tuple[FileChange, ...]
    description: str = ""

    def __iter__(self) -> Iterator[FileChange]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


@dataclass(frozen=True)
class Finding:
    """One piece of evidence that a change games the tests or weakens oversight."""

    rule: str
    name: str
    severity: Severity
    path: str
    line: int
    message: str
    evidence: str
    family: str = ""
    column: int = 0
    end_line: int | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "family": self.family,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "message": self.message,
            "evidence": self.evidence,
        }


VERDICTS = ("pass", "fail", "tampered", "error")


@dataclass(frozen=True)
class Evidence:
    """Something a witnessed test run saw. `tampering` marks evidence that on its own makes the verdict
    `tampered`; the rest explains (a test file the change edited and the base version that ran instead)."""

    kind: str
    message: str
    tampering: bool = False
    path: str | None = None
    test: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "message": self.message, "tampering": self.tampering}
        if self.path is not None:
            out["path"] = self.path
        if self.test is not None:
            out["test"] = self.test
        return out


@dataclass(frozen=True)
class TestOutcome:
    """One test's witnessed outcome: passed, failed, skipped, xfailed, or missing (expected, never run)."""

    __test__ = False  # not a pytest test class

    id: str
    outcome: str
    message: str = ""
    duration: float = 0.0

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "outcome": self.outcome}
        if self.message:
            out["message"] = self.message
        if self.duration:
            out["duration"] = self.duration
        return out


@dataclass(frozen=True)
class Verdict:
    """The verdict of a witnessed test run: pass, fail, tampered or error, with per-test outcomes and the
    evidence it rests on. `counts` has expected, passed, failed, skipped and missing."""

    verdict: str
    counts: dict[str, int]
    outcomes: tuple[TestOutcome, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    base: str = ""
    duration: float = 0.0
    output_tail: str = ""

    @property
    def passed(self) -> bool:
        return self.verdict == "pass"

    @property
    def tampered(self) -> bool:
        return self.verdict == "tampered"

    def to_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "tests": dict(self.counts),
            "evidence": [item.to_json() for item in self.evidence],
            "outcomes": [item.to_json() for item in self.outcomes],
            "base": self.base,
            "duration": round(self.duration, 3),
        }


@dataclass(frozen=True)
class Event:
    """One thing the ledger records: a guard decision, a hook event, a finding, a verdict, a review.

    `payload` holds the details (JSON values); large contents go to the ledger's blob store and are referred
    to by their SHA-256 there. `time` is RFC 3339 UTC; empty strings mean "not known"."""

    kind: str
    time: str = ""
    session: str = ""
    agent: str = ""
    repo: str = ""
    action: str = ""
    outcome: str = ""
    payload: dict[str, object] | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind}
        for name in ("time", "session", "agent", "repo", "action", "outcome"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.payload:
            out["payload"] = self.payload
        return out


DECISIONS = ("allow", "ask", "deny")


@dataclass(frozen=True)
class Action:
    """What an agent wants to do, as an adapter understood it from the agent's hook event.

    `kind`: "write" (whole new `content` for each of `paths`), "edit" (`edits` = (old, new) replacements in
    `paths[0]`), "patch" (a multi-file patch in `patch`), "notebook", "delete", "command" (shell text in
    `command`), "read", or "unknown" (a tool the adapter does not know; `touches_files` says whether it
    may). Paths are as the agent gave them; `cwd` resolves relative ones. `phase` is "pre" (before the
    tool runs) or "post" (after)."""

    kind: str
    tool: str = ""
    paths: tuple[str, ...] = ()
    content: str | None = None
    edits: tuple[tuple[str, str], ...] = ()
    patch: str | None = None
    command: str | None = None
    cwd: str = ""
    agent: str = ""
    session: str = ""
    phase: str = "pre"
    touches_files: bool = True


@dataclass(frozen=True)
class Decision:
    """The guard's answer to an Action: allow / ask / deny, the reasons (one line each, addressed to the agent
    and the human), and the rule or policy entry that decided ("deny:monitoring/**", "builtin:hook-config",
    "OV101", "shell:opaque", "error")."""

    outcome: str
    reasons: tuple[str, ...] = ()
    rule: str = ""
    findings: tuple[Finding, ...] = ()

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"outcome": self.outcome, "rule": self.rule, "reasons": list(self.reasons)}
        if self.findings:
            out["findings"] = [f.to_json() for f in self.findings]
        return out
