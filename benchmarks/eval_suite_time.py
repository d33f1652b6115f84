"""Wall time of the whole evaluation suite on the offline local model (`oversight-local/smollm2`), every
sample of every task, run exactly as `oversight eval run --model oversight-local/smollm2` runs it (one
Inspect eval set, the local profile: each sample once unless --epochs, the provider's 128-token replies, the
agentic tasks' agent stopped after two turns in a row without a tool call). The quality bar: <= 15 minutes
on a 2-core machine.

    .venv/bin/python benchmarks/eval_suite_time.py [--grader mock|local] [--task T ...] [--limit N]
        [--epochs N] [--max-tokens N] [--message-limit N] [--log-dir DIR]

The grader is by default a scripted mockllm model that answers every grading prompt with its last (least
severe) label at no cost, so the time measured is the model under test's; `--grader local` makes SmolLM2
grade itself too (self-grading allowed, as a timing only). Prints the scoreboard, per-task wall time
(from the logs) and output tokens, then a JSON summary as the last line. With --limit, each task's time per
sample is scaled to its full size (samples x epochs) for an estimate of the full suite's time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

BAR_S = 15 * 60
LOCAL = "oversight-local/smollm2"


def mock_grader() -> Any:
    """A mockllm grader that picks the last label of each grading prompt, with usage (no tokenizer fetch)."""
    from inspect_ai.model import ModelOutput, ModelUsage, get_model

    def answer(messages: list[Any], *_: Any) -> ModelOutput:
        prompt = "\n".join(m.text for m in messages)
        labels = re.findall(r"^- (\S.*)$", prompt.split("## Labels", 1)[-1], re.MULTILINE)
        output = ModelOutput.from_content("mockllm/model", f"LABEL: {labels[-1] if labels else 'none'}")
        output.usage = ModelUsage(
            input_tokens=len(prompt) // 4, output_tokens=4, total_tokens=len(prompt) // 4 + 4
        )
        return output

    return get_model("mockllm/model", custom_outputs=answer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grader", choices=("mock", "local"), default="mock")
    parser.add_argument("--task", action="append", help="only these tasks (default: all)")
    parser.add_argument("--limit", type=int, help="at most N samples per task (default: all)")
    parser.add_argument("--epochs", type=int, help="runs of each sample (default: the local profile's 1)")
    parser.add_argument("--max-tokens", type=int, help="most tokens per generation (default: the provider's)")
    parser.add_argument("--message-limit", type=int, help="most messages per sample (default: each task's)")
    parser.add_argument("--log-dir", help="log folder (default: a new temporary folder)")
    args = parser.parse_args()
    os.environ.setdefault("INSPECT_DISPLAY", "plain")

    from inspect_ai.log import list_eval_logs, read_eval_log

    from oversight.evals import _registry  # noqa: F401  (the tasks and the provider)
    from oversight.evals.commands import run_suite, task_spec
    from oversight.evals.report import headlines, latest, render_text, rows_from_logs
    from oversight.evals.tasks import TASK_NAMES

    names = args.task or list(TASK_NAMES)
    log_dir = Path(args.log_dir or tempfile.mkdtemp(prefix="oversight-eval-suite-"))
    grader = LOCAL if args.grader == "local" else mock_grader()
    started = time.monotonic()
    finished = run_suite(
        [task_spec(n) for n in names],
        [LOCAL],
        {"grader": grader},
        log_dir,
        limit=args.limit,
        epochs=args.epochs,
        allow_self_grading=args.grader == "local",
        max_tokens=args.max_tokens,
        message_limit=args.message_limit,
    )
    wall = time.monotonic() - started

    rows = latest(rows_from_logs(log_dir))
    print(render_text(rows, headlines(rows)))
    per_task: dict[str, dict[str, float]] = {}
    for info in list_eval_logs(str(log_dir)):
        log = read_eval_log(info, header_only=True)
        seconds = float("nan")
        if log.stats.started_at and log.stats.completed_at:
            started_at = datetime.fromisoformat(log.stats.started_at)
            seconds = (datetime.fromisoformat(log.stats.completed_at) - started_at).total_seconds()
        usage = log.stats.model_usage.get(LOCAL)
        ran = log.results.total_samples if log.results else 0
        full = (log.eval.dataset.samples or 0) * (log.eval.config.epochs or 1)
        per_task[log.eval.task.rsplit("/", 1)[-1]] = {
            "seconds": round(seconds, 1),
            "samples": float(ran),
            "full_samples": float(full),
            # Tasks run one at a time on a local model, so a task's time scales with its samples.
            "full_seconds_estimate": round(seconds / ran * full, 1) if ran else float("nan"),
            "output_tokens": float(usage.output_tokens if usage else 0),
        }
    print()
    for task, f in sorted(per_task.items()):
        print(
            f"{task:<22} {f['seconds']:>8.1f} s  {f['samples']:>4.0f} of {f['full_samples']:.0f} samples  "
            f"{f['output_tokens']:>7.0f} output tokens"
        )
    estimate = sum(f["full_seconds_estimate"] for f in per_task.values())
    if args.limit:
        print(f"\nestimated full-suite time, scaled from this sample: {estimate:.0f} s")
    print(
        f"\nwall time {wall:.0f} s on {os.cpu_count()} cores (bar {BAR_S} s); every task finished: {finished}"
    )
    summary = {
        "wall_s": round(wall, 1),
        "bar_s": BAR_S,
        "within_bar": (estimate if args.limit else wall) <= BAR_S,
        "finished": finished,
        "cores": os.cpu_count(),
        "load_average_1m": os.getloadavg()[0],
        "grader": args.grader,
        "full_suite_estimate_s": round(estimate, 1),
        "tasks": per_task,
        "log_dir": str(log_dir),
    }
    print(json.dumps(summary))
    return 0 if finished else 1


if __name__ == "__main__":
    sys.exit(main())
