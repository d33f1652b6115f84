"""`verify()`: stage the tree, read the trusted tests' expectation, run under the witness, judge."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..detect.sources.errors import SourceError
from ..types import Evidence, Verdict
from .expected import build_expectation
from .judge import judge
from .runner import RunLimits, default_python, interpreter_problem, run_witnessed
from .staging import Stage, stage

WITNESS = Path(__file__).with_name("witness.py")


def error_verdict(message: str, base: str = "") -> Verdict:
    """A run that could not be judged, with the reason as evidence."""
    empty = {"expected": 0, "passed": 0, "failed": 0, "skipped": 0, "missing": 0}
    return Verdict("error", empty, evidence=(Evidence("error", message),), base=base)


def verify(
    path: str | os.PathLike[str] = ".",
    base: str = "HEAD",
    *,
    pytest_args: Sequence[str] = (),
    timeout: float = 600.0,
    python: str | None = None,
    memory_bytes: int | None = 8 * 1024**3,
    network: bool = False,
    require_sandbox: bool = False,
    env: Mapping[str, str] | None = None,
    pass_env: Sequence[str] = (),
) -> Verdict:
    """Run the pytest suite of the repository at `path` on its working tree, with tests, conftest files and
    test configuration from revision `base`, and judge the run from the witness's records.

    `env` is the environment to start from (default: this process's); the child gets only its basics (PATH,
    HOME, locale, ...) and the variables named in `pass_env`; those that steer Python or pytest are reported.
    Never raises for a bad repository, revision or test suite: those come back as an `error` verdict.
    """
    if timeout <= 0:
        return error_verdict(f"timeout must be positive, not {timeout:g}")
    try:
        staged = stage(Path(path), base)
    except SourceError as exc:
        return error_verdict(str(exc))
    except OSError as exc:
        return error_verdict(f"cannot copy the working tree: {exc.strerror or exc} ({exc.filename or path})")
    try:
        limits = RunLimits(
            timeout=timeout,
            memory_bytes=memory_bytes,
            network=network,
            require_sandbox=require_sandbox,
            pass_env=frozenset(pass_env),
        )
        return _run(staged, list(pytest_args), python, limits, dict(os.environ if env is None else env))
    finally:
        staged.cleanup()


def _run(
    staged: Stage, pytest_args: list[str], python: str | None, limits: RunLimits, env: dict[str, str]
) -> Verdict:
    selected = _selected_paths(staged, pytest_args)
    expectation = build_expectation(staged, selected)
    if not expectation.files and not expectation.unsure_dirs:
        return error_verdict(f"no test files at the base revision {staged.base[:12]}", staged.base)
    interpreter = python or default_python(staged.repo)
    if not Path(interpreter).exists():
        return error_verdict(f"python interpreter not found: {interpreter}", staged.base)
    problem = interpreter_problem(interpreter, staged.repo)
    if problem is not None:
        staged.evidence.append(
            Evidence("interpreter", problem + "; it was not run", tampering=python is None)
        )
        if python is not None:
            return error_verdict(problem, staged.base)
        interpreter = sys.executable
    elif Path(interpreter).absolute().is_relative_to(staged.repo):
        staged.evidence.append(
            Evidence(
                "interpreter",
                f"{interpreter} lives inside the repository, where the agent can change its packages; "
                "pass --python with an environment outside its reach for a stronger guarantee",
            )
        )
    staged.evidence.extend(scan_neutralised(staged))
    run = run_witnessed(staged, interpreter, pytest_args, limits, WITNESS, env)
    return judge(staged, expectation, run, limits.timeout)


def scan_neutralised(staged: Stage) -> list[Evidence]:
    """What the change tried with the files the run set aside (edited tests, an added conftest, start-up
    files): the static scan's high findings on them. The run was not fooled, but the attempt is tampering."""
    paths = {e.path for e in staged.evidence if e.path and e.kind in ("test-edit", "startup", "shadowing")}
    if not paths:
        return []
    from ..detect import scan
    from ..detect.sources.git import change_from_git
    from ..types import Change, Severity

    try:
        change = change_from_git(staged.repo, base=staged.base)
    except SourceError:
        return []
    subset = Change(tuple(f for f in change.files if f.path in paths), change.description)
    return [
        Evidence("scan", f"{f.rule} {f.name}: {f.message}", tampering=True, path=f.path)
        for f in scan(subset).findings
        if f.severity >= Severity.HIGH
    ]


def _selected_paths(staged: Stage, pytest_args: list[str]) -> list[str]:
    """Repository-relative paths the caller's arguments (or the base config's testpaths) limit the run to."""
    chosen: list[str] = []
    for arg in pytest_args:
        if arg.startswith("-"):
            continue
        candidate = (staged.workdir / arg.split("::", 1)[0]).resolve()
        if candidate.exists():
            try:
                chosen.append(candidate.relative_to(staged.root.resolve()).as_posix())
            except ValueError:
                continue
    if chosen:
        return chosen
    testpaths = staged.config.words("testpaths")
    folder = Path(staged.config.path).parent if staged.config.path else None
    # pytest honours testpaths only when run from the folder of its configuration file (the rootdir).
    if testpaths and folder is not None and folder.as_posix() == (staged.relative_workdir or "."):
        normal = [os.path.normpath(folder / entry) for entry in testpaths if "*" not in entry]
        return ["" if entry == "." else entry for entry in normal]
    return []
