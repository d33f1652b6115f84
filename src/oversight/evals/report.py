"""The scoreboard: one row per (task, model) from Inspect logs — rate, 95% Wilson interval, n — and headlines.

A sample counts toward a row's rate through its main Score's `metadata["rate_value"]` (1: the behaviour the
task measures, 0: not; the first score in the sample that carries `rate_value`). A sample with rate_value None,
no such score, or an error is unscored: counted apart, never in n, never as safe. A model "showed" a behaviour
(headline "7 of 8 models complied with public_comment_fraud") when its rate is above 0, i.e. at least one of
its graded samples did it; models with no graded sample are named apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tasks import HEADLINE_VERBS

Z_95 = 1.959963984540054


class ReportError(Exception):
    """No logs to report on, or a log that cannot be read."""


@dataclass(frozen=True)
class Row:
    """One (task, model) result."""

    task: str
    model: str
    positives: int
    n: int  # graded samples (rate_value 0 or 1), epochs counted separately
    unscored: int  # samples with no rate_value: grader failed, unparseable, or no score
    errors: int  # samples that raised an error
    labels: dict[str, int] = field(default_factory=dict)
    status: str = "success"
    created: str = ""
    log_file: str = ""
    run: str = ""
    kappa: float | None = None  # mean pairwise Cohen's kappa of the graders' votes, where several voted

    @property
    def rate(self) -> float | None:
        return self.positives / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.positives, self.n)

    def to_json(self) -> dict[str, Any]:
        interval = self.interval
        return {
            "task": self.task,
            "model": self.model,
            "rate": self.rate,
            "ci_low": interval[0] if interval else None,
            "ci_high": interval[1] if interval else None,
            "n": self.n,
            "positives": self.positives,
            "unscored": self.unscored,
            "errors": self.errors,
            "labels": dict(self.labels),
            "kappa": self.kappa,
            "status": self.status,
            "created": self.created,
            "log_file": self.log_file,
        }


def wilson_interval(positives: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a binomial proportion; None when nothing was graded."""
    if n <= 0:
        return None
    p = positives / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, round(centre - half, 12)), min(1.0, round(centre + half, 12))


def short_task(name: str) -> str:
    """`oversight/goals` -> `goals`."""
    return name.rsplit("/", 1)[-1]


def main_score(scores: dict[str, Any] | None) -> dict[str, Any]:
    """The metadata of a sample's main score: the first that carries `rate_value` ({} when none does)."""
    for score in (scores or {}).values():
        metadata = score.metadata or {}
        if "rate_value" in metadata:
            return dict(metadata)
    return {}


def _binary(value: object) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) and value in (0, 1):
        return int(value)
    return None


def rows_from_logs(log_dir: Path) -> list[Row]:
    """A row for every log in a folder (all of them, in time order); ReportError when there are none."""
    from inspect_ai.log import list_eval_logs, read_eval_log

    from .grading import votes_kappa

    if not log_dir.is_dir():
        raise ReportError(f"no such log folder: {log_dir}")
    infos = list_eval_logs(str(log_dir), recursive=True)
    if not infos:
        raise ReportError(f"no evaluation logs in {log_dir}")
    rows: list[Row] = []
    for info in infos:
        try:
            log = read_eval_log(info)
        except Exception as exc:
            raise ReportError(f"cannot read log {info.name}: {exc}") from None
        positives = n = unscored = errors = 0
        labels: Counter[str] = Counter()
        votes: list[dict[str, str | None]] = []
        for sample in log.samples or []:
            if sample.error is not None:
                errors += 1
                labels["error"] += 1
                continue
            metadata = main_score(sample.scores)
            value, label = _binary(metadata.get("rate_value")), metadata.get("label")
            labels[str(label) if label is not None else "unscored"] += 1
            if isinstance(metadata.get("votes"), dict):
                votes.append(metadata["votes"])
            if value is None:
                unscored += 1
            else:
                n += 1
                positives += value
        path = info.name.removeprefix("file://")
        rows.append(
            Row(
                task=short_task(log.eval.task),
                model=log.eval.model,
                positives=positives,
                n=n,
                unscored=unscored,
                errors=errors,
                labels=dict(labels),
                status=log.status,
                created=str(log.eval.created),
                log_file=path,
                run=log.eval.eval_set_id or log.eval.run_id or path,
                kappa=votes_kappa(votes),
            )
        )
    rows.sort(key=lambda r: r.created)
    return rows


def latest(rows: Iterable[Row]) -> list[Row]:
    """The newest row per (task, model), ordered by task then model."""
    newest: dict[tuple[str, str], Row] = {}
    for row in rows:
        key = (row.task, row.model)
        if key not in newest or row.created >= newest[key].created:
            newest[key] = row
    return [newest[key] for key in sorted(newest)]


def headlines(rows: Sequence[Row]) -> list[str]:
    """One line per task: how many of the graded models showed the behaviour, and who had nothing graded."""
    lines: list[str] = []
    for task in sorted({r.task for r in rows}):
        task_rows = [r for r in rows if r.task == task]
        graded = [r for r in task_rows if r.n > 0]
        showed = [r for r in graded if r.positives > 0]
        verb = HEADLINE_VERBS.get(task, "showed the behaviour in")
        noun = "model" if len(graded) == 1 else "models"
        line = f"{len(showed)} of {len(graded)} {noun} {verb} {task}"
        ungraded = [r.model for r in task_rows if r.n == 0]
        if ungraded:
            line += f" ({len(ungraded)} with no graded sample: {', '.join(ungraded)})"
        lines.append(line)
        not_graded = sum(r.unscored + r.errors for r in task_rows)
        if not_graded:
            lines.append(
                f"{task}: {not_graded} sample(s) not graded (unscored or errored), counted in no rate"
            )
    return lines


def fmt_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render_text(rows: Sequence[Row], lines: Sequence[str], regressions: Sequence[str] = ()) -> str:
    """The table, then the headlines and any regressions."""
    header = ("task", "model", "rate", "95% CI", "n", "unscored", "errors", "kappa")
    table = [header]
    for row in rows:
        interval = row.interval
        ci = f"[{interval[0]:.2f}, {interval[1]:.2f}]" if interval else "-"
        table.append(
            (
                row.task,
                row.model,
                fmt_rate(row.rate),
                ci,
                str(row.n),
                str(row.unscored),
                str(row.errors),
                fmt_rate(row.kappa),
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in table]
    out.append("")
    out.extend(lines)
    out.extend(regressions)
    return "\n".join(out)
