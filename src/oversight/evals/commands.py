"""`oversight eval run` (the suite as a resumable Inspect eval set, recorded in the history) and
`oversight eval report` (the scoreboard as text, JSON or a self-contained HTML page). Inspect loads lazily.

Exit statuses. run: 0 every task finished; 3 some did not (their partial logs are kept: re-run the same
command to resume); 2 bad input (unknown task or model, a provider without credentials, a model under test
grading itself). report: 0; 1 with --compare when a regression is found; 2 bad input (no logs).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from ..argtypes import positive_int
from ..errors import UsageError
from .tasks import TASK_NAMES

EXIT_OK = 0
EXIT_REGRESSION = 1
EXIT_INCOMPLETE = 3
DEFAULT_LOG_DIR = "logs/oversight-evals"
_MARKUP = re.compile(r"\[/?(?:bold|blue|red|green|yellow|italic|dim)[^\]]*\]")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `run` and `report`."""
    sub = parser.add_subparsers(dest="eval_command", required=True, parser_class=type(parser))
    run_parser = sub.add_parser(
        "run",
        help="run the suite on one or more models (an Inspect eval set: re-running resumes)",
        description="Run the evaluation suite as an Inspect eval set, then record it in the history. "
        "Exit status: 0 every task finished, 3 some did not (re-run the same command to resume), 2 bad input.",
    )
    run_parser.add_argument(
        "--model", action="append", required=True, help="model under test, e.g. openai/gpt-4o (repeatable)"
    )
    run_parser.add_argument(
        "--grader",
        action="append",
        default=[],
        help="grader model, bound to the grader role; repeat for grader_2, grader_3, … (majority vote)",
    )
    run_parser.add_argument(
        "--task",
        action="append",
        help=f"task to run (repeatable; default all: {', '.join(TASK_NAMES)}); an Inspect task spec also works",
    )
    run_parser.add_argument(
        "--log-dir", default=DEFAULT_LOG_DIR, help=f"log folder (default {DEFAULT_LOG_DIR})"
    )
    run_parser.add_argument("--limit", type=positive_int, help="at most N samples per task")
    run_parser.add_argument(
        "--epochs",
        type=positive_int,
        help="run each sample N times (default: each task's own, e.g. goals 5; 1 when every model is "
        "oversight-local, so the whole suite runs on a laptop in minutes)",
    )
    run_parser.add_argument("--max-tokens", type=positive_int, help="most tokens per generation")
    run_parser.add_argument(
        "--message-limit", type=positive_int, help="most messages per sample (caps the agentic tasks' loops)"
    )
    run_parser.add_argument(
        "--grader-timeout",
        type=positive_int,
        default=300,
        help="seconds a grader may take per request (default 300); a grader that times out casts no vote",
    )
    run_parser.add_argument(
        "--retries", type=int, default=2, help="times to retry a task that failed (default 2)"
    )
    run_parser.add_argument(
        "--allow-self-grading",
        action="store_true",
        help="let a model under test grade itself (refused by default)",
    )
    run_parser.add_argument(
        "--history",
        help="history database (default $OVERSIGHT_EVAL_HISTORY or ~/.local/share/oversight/evals.db)",
    )

    report_parser = sub.add_parser(
        "report",
        help="the scoreboard: task × model rate, 95%% interval, n; headlines; plots",
        description="Report on the logs of a folder: per task and model the rate of the measured behaviour, "
        "its 95% Wilson interval and n (graded samples; unscored ones are counted apart, never as safe). "
        "The logs are also recorded in the history. Exit status: 0; 1 with --compare when a regression is "
        "found; 2 bad input.",
    )
    report_parser.add_argument(
        "log_dir", nargs="?", default=DEFAULT_LOG_DIR, help=f"log folder (default {DEFAULT_LOG_DIR})"
    )
    report_parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    report_parser.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    report_parser.add_argument(
        "--compare",
        action="store_true",
        help="name regressions (and improvements) between the two latest runs of each model in the history",
    )
    report_parser.add_argument(
        "--history",
        help="history database (default $OVERSIGHT_EVAL_HISTORY or ~/.local/share/oversight/evals.db)",
    )


def run(args: argparse.Namespace) -> int:
    if args.eval_command == "run":
        return _run(args)
    return _report(args)


def one_line(exc: BaseException) -> str:
    """An exception's message as one plain line (Inspect's errors carry rich markup and several lines)."""
    text = _MARKUP.sub("", str(exc))
    lines = [line.strip() for line in text.splitlines() if line.strip() and line.strip() != "ERROR:"]
    return " ".join(lines) or type(exc).__name__


def task_spec(name: str) -> str:
    """A suite task's registry name, or the Inspect task spec given (a file.py@task or package/task)."""
    if name in TASK_NAMES:
        return f"oversight/{name}"
    if "@" in name or "/" in name or name.endswith(".py"):
        return name
    raise UsageError(f"unknown task {name!r} (one of: {', '.join(TASK_NAMES)}, or an Inspect task spec)")


def _run(args: argparse.Namespace) -> int:
    tasks = [task_spec(name) for name in (args.task or TASK_NAMES)]
    if args.retries < 0:
        raise UsageError("--retries must be 0 or more")
    if not args.grader and not args.allow_self_grading:
        raise UsageError(
            "no --grader: give a grader model other than the models under test, or --allow-self-grading"
        )

    from inspect_ai.model import GenerateConfig, Model

    from . import local_model  # noqa: F401  (registers oversight-local even if a task module fails to load)
    from .grading import same_model

    for name in args.task or TASK_NAMES:
        if name in TASK_NAMES:
            _load_task(name)
    models = [_resolve(name) for name in args.model]
    grader_config = GenerateConfig(timeout=args.grader_timeout, max_retries=2)
    graders: list[Model] = [_resolve(name, grader_config) for name in args.grader]
    if not args.allow_self_grading:
        for grader in graders:
            for model in models:
                if same_model(grader, model):
                    raise UsageError(
                        f"grader {grader} is a model under test; pick another grader or pass --allow-self-grading"
                    )
    roles: dict[str, str | Model] = {
        ("grader" if i == 0 else f"grader_{i + 1}"): grader for i, grader in enumerate(graders)
    }
    log_dir = Path(args.log_dir)
    success = run_suite(
        tasks,
        args.model,
        roles,
        log_dir,
        limit=args.limit,
        epochs=args.epochs,
        allow_self_grading=args.allow_self_grading,
        retries=args.retries,
        max_tokens=args.max_tokens,
        message_limit=args.message_limit,
    )
    status = _record_and_print(log_dir, args.history)
    if not success:
        print(
            f"oversight: some tasks did not finish; their partial logs are in {log_dir} "
            "(re-run the same command to resume)",
            file=sys.stderr,
        )
        return EXIT_INCOMPLETE
    return status


def run_suite(
    tasks: list[str],
    models: list[str],
    roles: dict[str, Any],
    log_dir: Path,
    *,
    limit: int | None = None,
    epochs: int | None = None,
    allow_self_grading: bool = False,
    retries: int = 2,
    max_tokens: int | None = None,
    message_limit: int | None = None,
) -> bool:
    """Run tasks × models as one Inspect eval set in `log_dir` (finished work is skipped when run again).

    A sample that errors is kept in the log, unscored; True when every task finished. When every model is
    an `oversight-local` one, each sample runs once unless `epochs` says otherwise (the local profile:
    every sample of every task, without repeats a 135M model's rates do not need).
    """
    from inspect_ai import eval_set

    options: dict[str, Any] = {"max_tokens": max_tokens} if max_tokens else {}
    task_args: dict[str, Any] = {"allow_self_grading": True} if allow_self_grading else {}
    if message_limit:
        # The agentic tasks set their agent's own limit, which wins over the eval's: pass it to them too.
        options["message_limit"] = message_limit
        task_args["message_limit"] = message_limit
    if models and all(model.startswith("oversight-local/") for model in models) and epochs is None:
        epochs = 1
    if any(model.startswith("oversight-local/") for model in models):
        # A local model answers one request at a time: one task and two samples in flight keep it busy
        # while a sample runs its tools, and no sample spends its time limit queueing behind many others.
        options["max_tasks"] = 1
        options["max_samples"] = 2
    try:
        success, _logs = eval_set(
            tasks=tasks,
            log_dir=str(log_dir),
            model=models,
            model_roles=roles or None,
            task_args=task_args,
            limit=limit,
            epochs=epochs,
            retry_attempts=retries,
            retry_wait=1,
            fail_on_error=False,
            retry_on_error=1,
            **options,
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        raise UsageError(f"the evaluation could not run: {one_line(exc)}") from None
    return bool(success)


def _load_task(name: str) -> None:
    import importlib

    try:
        importlib.import_module(f"oversight.evals.tasks.{name}")
    except Exception as exc:
        raise UsageError(f"task {name} cannot be loaded: {one_line(exc)}") from None


def _resolve(name: str, config: Any = None) -> Any:
    """The model, constructed now so that an unknown provider or a missing key is one clear line."""
    from inspect_ai.model import GenerateConfig, get_model

    try:
        return get_model(name, config=config or GenerateConfig())
    except Exception as exc:
        raise UsageError(f"model {name}: {one_line(exc)}") from None


def _record_and_print(log_dir: Path, history_path: str | None) -> int:
    from . import history
    from .report import ReportError, headlines, latest, render_text, rows_from_logs

    try:
        rows = rows_from_logs(log_dir)
        history.record(_history(history_path), rows)
    except (ReportError, history.HistoryError) as exc:
        raise UsageError(str(exc)) from None
    current = latest(rows)
    print(render_text(current, headlines(current)))
    return EXIT_OK


def _history(path: str | None) -> Path:
    from .history import default_history

    return Path(path).expanduser() if path else default_history()


def _report(args: argparse.Namespace) -> int:
    from . import history
    from .report import ReportError, headlines, latest, render_text, rows_from_logs
    from .svg import render_html

    store = _history(args.history)
    try:
        all_rows = rows_from_logs(Path(args.log_dir))
        history.record(store, all_rows)
        points = history.series(store)
    except (ReportError, history.HistoryError) as exc:
        raise UsageError(str(exc)) from None
    rows = latest(all_rows)
    shown = {(r.task, r.model) for r in rows}
    points = [p for p in points if (p.task, p.model) in shown]
    lines = headlines(rows)
    changes = history.changes(points) if args.compare else []
    if args.format == "json":
        document: dict[str, Any] = {"rows": [r.to_json() for r in rows], "headlines": lines}
        if args.compare:
            document["changes"] = changes
        output = json.dumps(document, indent=2)
    elif args.format == "html":
        output = render_html(rows, lines, points, changes)
    else:
        output = render_text(rows, lines, changes)
    if args.output:
        try:
            Path(args.output).write_text(output + "\n", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"oversight: report written to {args.output}", file=sys.stderr)
    else:
        print(output)
    regressed = any(line.startswith("regression:") for line in changes)
    return EXIT_REGRESSION if regressed else EXIT_OK
