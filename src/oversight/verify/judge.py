"""From the witness's records to a verdict: which outcomes are authentic, which were forged, what is missing.

Fail closed: a run that ended without the witness seeing it finish, a record without the run's key, a
skip no trusted code asked for, a test the trusted revision defines and the run never reported, an operand
that claims equality with anything: none of these is ever read as a pass.
"""

from __future__ import annotations

import signal
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..types import Evidence, TestOutcome, Verdict
from .expected import Expectation
from .runner import RunResult
from .staging import Stage, inside

CRASH_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL, signal.SIGFPE})
BENIGN_PTH_IMPORTS = (
    "import _virtualenv",
    "import __editable__",
    "import _distutils_hack",
    "import os; var = 'SETUPTOOLS_USE_DISTUTILS'",
)
PYTEST_USAGE_ERROR = 4
PYTEST_INTERNAL_ERROR = 3


@dataclass
class Judgement:
    """Evidence and outcomes gathered while reading the records."""

    stage: Stage
    expectation: Expectation
    evidence: list[Evidence] = field(default_factory=list)
    outcomes: list[TestOutcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    collection_failed: int = 0
    skipped_files: set[str] = field(default_factory=set)
    errored_files: set[str] = field(default_factory=set)

    def tamper(self, kind: str, message: str, path: str | None = None, test: str | None = None) -> None:
        self.evidence.append(Evidence(kind, message, True, path, test))

    def note(self, kind: str, message: str, path: str | None = None, test: str | None = None) -> None:
        self.evidence.append(Evidence(kind, message, False, path, test))

    # --- where a file lies ------------------------------------------------------------------------------
    def relative(self, filename: str | None) -> str | None:
        """A path inside the run's copy or the user's checkout, relative to the repository; else None."""
        if not filename:
            return None
        path = Path(filename)
        for root in (self.stage.root, self.stage.repo):
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except (ValueError, OSError):
                continue
        return None

    def trusted(self, filename: str | None) -> bool:
        """Code the change cannot have written: the base revision's tests as the run copied them, or anything
        outside the working tree (the environment, even a virtual environment git ignores inside the repo)."""
        if not filename:
            return True
        path = Path(filename)
        try:
            rel = path.resolve().relative_to(self.stage.root.resolve()).as_posix()
            return rel in self.stage.trusted
        except (ValueError, OSError):
            pass
        try:
            rel = path.resolve().relative_to(self.stage.repo.resolve()).as_posix()
        except (ValueError, OSError):
            return True
        return rel not in self.stage.copied and rel not in self.stage.trusted


def judge(stage: Stage, expectation: Expectation, run: RunResult, timeout: float) -> Verdict:
    """The verdict of one witnessed run."""
    j = Judgement(stage, expectation, evidence=list(stage.evidence))
    for name, value in sorted(run.scrubbed_env.items()):
        j.note("environment", f"{name}={value[:200]!r} was set; the run ignored it")
    if run.dropped_env:
        j.note(
            "environment",
            f"{run.dropped_env} other environment variable(s) were not passed to the tests "
            "(--pass-env NAME passes one on)",
        )
    if run.sandbox.get("landlock_abi"):
        network = "network off" if run.sandbox.get("network_isolated") else "network on"
        j.note(
            "sandbox-applied",
            f"Landlock ABI {run.sandbox['landlock_abi']}: trusted files read-only; {network}",
        )
    for warning in run.sandbox.get("warnings", []):
        j.note("sandbox", str(warning))
    for forged in run.forged[:20]:
        j.tamper("witness-channel", f"the witness channel carried {forged}")
    by_type: dict[str, list[dict[str, Any]]] = {}
    for record in run.records:
        by_type.setdefault(str(record.get("t")), []).append(record)

    hello = _last(by_type, "hello")
    if hello is None:
        return _no_witness(j, run, timeout)
    _startup(j, hello)
    _plugins(j, by_type)
    for record in by_type.get("internals", []):
        j.tamper("pytest-internals", f"pytest's machinery was altered: {record.get('message')}")
    items, deselected = _collection(j, by_type)
    _modules(j, by_type.get("module", []))
    _test_functions(j, items)
    results = {str(r.get("id")): r for r in by_type.get("test", [])}
    uncollected, never_ran = _missing(j, items, deselected, results)
    _ending(j, by_type, run, timeout)
    return _verdict(j, items, results, uncollected, never_ran, run)


def _last(by_type: dict[str, list[dict[str, Any]]], kind: str) -> dict[str, Any] | None:
    records = by_type.get(kind)
    return records[-1] if records else None


def _no_witness(j: Judgement, run: RunResult, timeout: float) -> Verdict:
    tail = run.output_tail.strip().splitlines()
    last = tail[-1] if tail else ""
    if run.timed_out:
        j.errors.append(f"timed out after {timeout:g} s before the witness started")
    elif run.returncode == 0:
        j.tamper("early-exit", "the process exited 0 before the witness started (start-up code ran first)")
    elif run.returncode == 126:
        j.errors.append(f"the sandbox refused to start: {last}")
    elif "No module named pytest" in run.output_tail or "No module named 'pytest'" in run.output_tail:
        j.errors.append("pytest is not installed in the interpreter that runs the tests (use --python)")
    else:
        j.errors.append(f"the test process failed to start (status {run.returncode}): {last}")
    return _verdict(j, [], {}, [], [], run)


def _startup(j: Judgement, hello: dict[str, Any]) -> None:
    if not hello.get("isolated"):
        j.tamper("startup", "the interpreter did not run in isolated mode")
    for module in hello.get("preloaded", []):
        j.tamper("startup", f"{module} was imported by start-up code before the witness could watch it")
    for entry in hello.get("startup", []):
        filename = entry.get("file")
        message = f"start-up module {entry.get('module')} ran from {filename}"
        if j.trusted(filename):
            j.note("startup", message)
        else:
            j.tamper("startup", message + ", which the change controls", path=j.relative(filename))
    for entry in hello.get("pth", []):
        filename = entry.get("file")
        imports = [line for line in entry.get("imports", []) if not line.startswith(BENIGN_PTH_IMPORTS)]
        if not imports:
            continue
        if j.trusted(filename):
            j.note("startup", f"{filename} runs code at start-up: {imports[0][:160]}")
        else:
            j.tamper(
                "startup", f"{filename} runs code at start-up: {imports[0][:160]}", path=j.relative(filename)
            )


def _plugins(j: Judgement, by_type: dict[str, list[dict[str, Any]]]) -> None:
    for record in by_type.get("plugin", []):
        filename = record.get("file")
        if not j.trusted(filename):
            j.tamper(
                "plugin",
                f"pytest plugin {record.get('name')} was loaded from {j.relative(filename)}, which the change controls",
                path=j.relative(filename),
            )
    for record in by_type.get("entrypoint", []):
        filename = record.get("file")
        if not j.trusted(filename) or j.relative(record.get("location")) is not None:
            j.tamper(
                "plugin",
                f"entry-point plugin from distribution {record.get('dist')} lives in the repository "
                f"({j.relative(filename) or record.get('location')})",
                path=j.relative(filename),
            )
    seen: set[tuple[str, str]] = set()
    for record in by_type.get("hook", []):
        filename = record.get("file")
        key = (str(record.get("hook")), str(filename))
        if key in seen or j.trusted(filename):
            continue
        seen.add(key)
        j.tamper(
            "plugin",
            f"{record.get('hook')} is implemented by {j.relative(filename)}, code the change controls",
            path=j.relative(filename),
        )


@dataclass(frozen=True)
class Item:
    """A collected test as the witness described it; `code` is the file its function's code came from."""

    id: str
    path: str
    cls: str | None
    name: str
    code: str | None = None


def _item(j: Judgement, raw: list[Any]) -> Item:
    rel = j.relative(raw[1]) or str(raw[1])
    return Item(str(raw[0]), rel, raw[2], str(raw[3]), raw[4])


TRUSTED_LOADERS = ("_pytest.", "importlib.", "_frozen_importlib")


def _modules(j: Judgement, records: list[dict[str, Any]]) -> None:
    """Each test module must be the file pytest collected, loaded by pytest's or Python's own importer."""
    for record in records:
        rel = j.relative(record.get("path"))
        if rel is None or rel not in j.stage.trusted:
            continue
        loader = str(record.get("loader", ""))
        if not loader.startswith(TRUSTED_LOADERS):
            j.tamper("collection", f"test module {rel} was loaded by a foreign importer ({loader})", path=rel)
        if j.relative(record.get("file")) != rel:
            j.tamper("collection", f"test module {rel} was replaced by {record.get('file')}", path=rel)


def _test_functions(j: Judgement, items: list[Item]) -> None:
    """A base test whose function's code lives in code the change controls was swapped out."""
    for item in items:
        if item.code and item.path in j.stage.trusted and not j.trusted(item.code):
            j.tamper(
                "collection",
                f"{item.id} runs a function from {j.relative(item.code)}, not the test's own code",
                test=item.id,
                path=j.relative(item.code),
            )


def _collection(j: Judgement, by_type: dict[str, list[dict[str, Any]]]) -> tuple[list[Item], list[Item]]:
    for record in by_type.get("collect-exit", []):
        origin = record.get("origin")
        where = f" from {j.relative(origin[0]) or origin[0]}:{origin[1]}" if origin else ""
        message = f"{record.get('exception')} (status {record.get('code')!r}) while collecting {record.get('id')}{where}"
        if record.get("code") in (0, None) and not (origin and j.trusted(origin[0])):
            j.tamper("early-exit", message, test=record.get("id"))
        else:
            j.note("early-exit", message, test=record.get("id"))
            j.collection_failed += 1
    for record in by_type.get("collect", []):
        if record.get("outcome") == "failed":
            j.collection_failed += 1
            lines = str(record.get("message", "")).strip().splitlines()
            j.note(
                "collection-error",
                f"{record.get('id')}: {lines[-1] if lines else 'error'}",
                test=record.get("id"),
            )
            rel = j.relative(record.get("path"))
            if rel is not None:
                j.errored_files.add(rel)
        elif record.get("outcome") == "skipped":
            skip = record.get("skip") or {}
            origin = skip.get("file")
            rel = j.relative(record.get("path"))
            if origin and not j.trusted(origin):
                j.tamper(
                    "skip",
                    f"{record.get('id')} was skipped whole by {j.relative(origin)}:{skip.get('line')}, code the "
                    f"change controls ({skip.get('reason')})",
                    path=j.relative(origin),
                )
            else:
                j.note("skip", f"{record.get('id') or rel} was skipped at collection: {skip.get('reason')}")
                if rel is not None:
                    j.skipped_files.add(rel)
    batches = by_type.get("items", [])
    if not batches:
        return [], []
    batch = batches[-1]
    items = [_item(j, raw) for raw in batch.get("items", [])]
    deselected = [_item(j, raw) for raw in batch.get("deselected", [])]
    for nodeid in batch.get("dropped", []):
        j.tamper("collection", f"{nodeid} was collected, then removed without being deselected", test=nodeid)
    return items, deselected


def _missing(
    j: Judgement, items: list[Item], deselected: list[Item], results: dict[str, dict[str, Any]]
) -> tuple[list[str], list[str]]:
    """Tests the trusted source defines that were never collected, and collected tests that never ran."""
    seen = {(i.path, i.cls, i.name) for i in items} | {(i.path, i.cls, i.name) for i in deselected}
    missing = []
    for expected in j.expectation.tests:
        if (expected.path, expected.cls, expected.name) in seen:
            continue
        if expected.path in j.errored_files:
            j.outcomes.append(TestOutcome(expected.label, "failed", "its file failed to import or collect"))
            continue
        if expected.path in j.skipped_files:
            j.outcomes.append(TestOutcome(expected.label, "skipped", "module skipped at collection"))
            continue
        folder = PurePosixPath(expected.path).parent.as_posix()
        if any(inside(folder, unsure) for unsure in j.expectation.unsure_dirs):
            continue
        missing.append(expected.label)
    never_ran = [item.id for item in items if item.id not in results]
    return missing, never_ran


def _raw_outcome(j: Judgement, item: Item | None, record: dict[str, Any]) -> tuple[str, str]:
    """The authentic outcome of one test from its phases, and a message; adds evidence as it goes."""
    test_id = str(record.get("id"))
    phases: dict[str, dict[str, Any]] = record.get("phases", {})
    reported: dict[str, dict[str, Any]] = record.get("reported", {})
    outcome, message = "passed", ""
    for when in ("setup", "call", "teardown"):
        phase = phases.get(when)
        if phase is None:
            continue
        kind = phase.get("outcome")
        origin = phase.get("origin")
        if kind == "exit":
            code = phase.get("code")
            if code in (0, None):
                j.tamper(
                    "early-exit",
                    f"{test_id} raised {phase.get('exception')} with status {code!r} during {when}",
                    test=test_id,
                )
            outcome, message = "failed", f"{phase.get('exception')} during {when}"
        elif kind == "interrupted":
            j.tamper("early-exit", f"{test_id} raised KeyboardInterrupt during {when}", test=test_id)
            outcome, message = "failed", "KeyboardInterrupt"
        elif kind == "failed":
            if outcome != "failed":
                outcome, message = "failed", str(phase.get("message", ""))
        elif kind in ("skipped", "xfailed") and outcome == "passed":
            if _skip_is_trusted(j, item, origin, str(phase.get("reason", ""))):
                outcome = "skipped" if kind == "skipped" else "xfailed"
                message = str(phase.get("reason", ""))
            else:
                j.tamper("skip", f"{test_id} was {kind} by {_skipper(j, origin)}", test=test_id)
                outcome, message = "failed", f"{kind} by untrusted code"
    for sub in record.get("subtests", {}).get("other", []):
        kind = sub.get("outcome")
        origin = sub.get("origin")
        if kind in ("failed", "exit", "interrupted"):
            if outcome != "failed":
                outcome, message = "failed", f"a subtest failed: {sub.get('message', kind)}"
        elif kind in ("skipped", "xfailed") and not _skip_is_trusted(
            j, item, origin, str(sub.get("reason", ""))
        ):
            j.tamper("skip", f"a subtest of {test_id} was {kind} by {_skipper(j, origin)}", test=test_id)
            outcome, message = "failed", f"a subtest {kind} by untrusted code"
    call_report = reported.get("call", {})
    if (
        outcome == "failed"
        and call_report.get("wasxfail")
        and phases.get("call", {}).get("outcome") == "failed"
    ):
        if item is not None and _skip_is_trusted(j, item, None, ""):
            outcome = "xfailed"
        else:
            j.tamper(
                "skip", f"{test_id} failed and was turned into an xfail by an undeclared marker", test=test_id
            )
    for when, rep in reported.items():
        raw = phases.get(when, {}).get("outcome")
        if rep.get("outcome") == "failed" and outcome in ("passed", "skipped", "xfailed"):
            outcome, message = (
                "failed",
                f"reported failed in {when} (a strict xfail that passed, or a plugin)",
            )
        if rep.get("outcome") == "passed" and raw not in (None, "passed"):
            j.tamper("report", f"{test_id}: the {when} report says passed, the test {raw}", test=test_id)
    for kind, filename in record.get("tracers", []):
        if not j.trusted(filename):
            j.tamper(
                "tracer", f"{test_id} ran under a {kind} function from {j.relative(filename)}", test=test_id
            )
    for claim in record.get("eq", []):
        _equality(j, item, test_id, str(claim))
    return outcome, message


def _skipper(j: Judgement, origin: list[Any] | None) -> str:
    """Who skipped a test: the file and line that raised, or an undeclared marker."""
    return f"{j.relative(origin[0])}:{origin[1]}" if origin else "a marker the trusted tests do not declare"


def _skip_is_trusted(j: Judgement, item: Item | None, origin: list[Any] | None, reason: str) -> bool:
    if origin:
        return j.trusted(str(origin[0])) or (item is not None and j.relative(str(origin[0])) == item.path)
    if reason.startswith("got empty parameter set"):
        return True
    if item is None:
        return False
    if item.path in j.stage.added_tests:
        return True
    return j.expectation.skip_allowed(item.path, item.cls, item.name)


def _equality(j: Judgement, item: Item | None, test_id: str, claim: str) -> None:
    qualname, _, filename = claim.partition("|")
    truth = qualname.startswith("truth:")
    qualname = qualname.removeprefix("truth:")
    short = qualname.rsplit(".", 1)[-1]
    if filename and j.relative(filename) is not None and j.trusted(filename):
        return
    if j.relative(filename) is None and item is not None:
        mentioned = j.expectation.mentions.get(item.path, frozenset())
        if short in mentioned or ("ANY" in mentioned and short == "_ANY"):
            return
    claim_text = (
        "is true whatever it holds (its __bool__ never reads the instance)"
        if truth
        else "claims to equal an object it has never seen"
    )
    j.tamper(
        "equality",
        f"{test_id}: an operand of type {qualname} {claim_text}"
        + (f" (defined in {j.relative(filename)})" if j.relative(filename) else ""),
        test=test_id,
        path=j.relative(filename),
    )


def _ending(j: Judgement, by_type: dict[str, list[dict[str, Any]]], run: RunResult, timeout: float) -> None:
    finish = _last(by_type, "finish")
    end = _last(by_type, "end")
    done = {str(r.get("id")) for r in by_type.get("test", [])}
    batches = by_type.get("items", [])
    pending = (
        [str(raw[0]) for raw in batches[-1].get("items", []) if str(raw[0]) not in done] if batches else []
    )
    running = pending[0] if pending else None
    during = f" during {running}" if running else ""
    if run.timed_out:
        j.errors.append(f"timed out after {timeout:g} s{during}")
        return
    code = run.returncode
    if end is None:
        stage = "before the session finished" if finish is None else "before pytest returned"
        if code is not None and code < 0:
            sig = -code
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            if sig in CRASH_SIGNALS:
                j.note("crash", f"the test process crashed with {name}{during}")
                j.collection_failed += 1
            else:
                j.tamper("early-exit", f"the test process was killed by {name} {stage}{during}", test=running)
        elif code == 0:
            j.tamper("early-exit", f"the test process exited 0 {stage}{during}", test=running)
        else:
            j.note("early-exit", f"the test process exited with status {code} {stage}{during}", test=running)
            j.collection_failed += 1
        return
    pytest_code = int(end.get("code", -1))
    if code != pytest_code:
        if code == 0:
            j.tamper(
                "exit-status",
                f"pytest returned {pytest_code} but the process exited 0 (changed after the session, e.g. atexit)",
            )
        else:
            j.note("exit-status", f"pytest returned {pytest_code} but the process exited {code}")
    if pytest_code == PYTEST_USAGE_ERROR:
        j.errors.append("pytest rejected its arguments or configuration (usage error)")
    elif pytest_code == PYTEST_INTERNAL_ERROR:
        j.note(
            "internal-error",
            "pytest stopped with an internal error (often code under test exiting at import)",
        )
        j.collection_failed += 1


def _verdict(
    j: Judgement,
    items: list[Item],
    results: dict[str, dict[str, Any]],
    uncollected: list[str],
    never_ran: list[str],
    run: RunResult,
) -> Verdict:
    by_id = {item.id: item for item in items}
    from_source = len(j.outcomes)  # base tests in files that failed to import or were skipped whole
    tally: Counter[str] = Counter(o.outcome for o in j.outcomes)
    for test_id, record in results.items():
        outcome, message = _raw_outcome(j, by_id.get(test_id), record)
        tally[outcome] += 1
        j.outcomes.append(TestOutcome(test_id, outcome, message, float(record.get("duration") or 0.0)))
    missing = uncollected + never_ran
    for label in missing:
        j.outcomes.append(TestOutcome(label, "missing"))
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        j.tamper("missing", f"{len(missing)} expected test(s) never ran: {shown}")
    base_items = sum(1 for item in items if item.path not in j.stage.added_tests)
    counts = {
        "expected": base_items + from_source + len(uncollected),
        "passed": tally["passed"],
        "failed": tally["failed"],
        "skipped": tally["skipped"] + tally["xfailed"],
        "missing": len(missing),
    }
    if j.errors:
        for error in j.errors:
            j.note("error", error)
        verdict = "error"
    elif any(e.tampering for e in j.evidence):
        verdict = "tampered"
    elif counts["failed"] or j.collection_failed:
        verdict = "fail"
    elif counts["passed"] == 0:
        j.note("error", "no test ran to a pass or a failure")
        verdict = "error"
    else:
        verdict = "pass"
    return Verdict(
        verdict=verdict,
        counts=counts,
        outcomes=tuple(j.outcomes),
        evidence=tuple(j.evidence),
        base=j.stage.base,
        duration=run.duration,
        output_tail=run.output_tail,
    )
