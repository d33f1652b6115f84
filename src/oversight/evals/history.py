"""The history of evaluation runs in SQLite: one row per (log file, task, model), so reports can plot rates over
time and name regressions between the two latest runs of a model. Recording a log again updates its row.

The store is --history PATH, else $OVERSIGHT_EVAL_HISTORY, else ~/.local/share/oversight/evals.db.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .report import Row

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    log_file TEXT NOT NULL,
    task TEXT NOT NULL,
    model TEXT NOT NULL,
    run TEXT NOT NULL,
    created TEXT NOT NULL,
    status TEXT NOT NULL,
    positives INTEGER NOT NULL,
    n INTEGER NOT NULL,
    unscored INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    rate REAL,
    ci_low REAL,
    ci_high REAL,
    recorded TEXT NOT NULL,
    PRIMARY KEY (log_file, task, model)
)
"""


class HistoryError(Exception):
    """The history store cannot be opened or written."""


@dataclass(frozen=True)
class Point:
    """One run's result for a (task, model)."""

    task: str
    model: str
    run: str
    created: str
    positives: int
    n: int
    rate: float | None
    ci_low: float | None
    ci_high: float | None


def default_history() -> Path:
    """$OVERSIGHT_EVAL_HISTORY, else ~/.local/share/oversight/evals.db."""
    configured = os.environ.get("OVERSIGHT_EVAL_HISTORY")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".local" / "share" / "oversight" / "evals.db"


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path)
        connection.execute(_SCHEMA)
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"cannot open history {path}: {exc}") from None
    return connection


def record(path: Path, rows: Iterable[Row]) -> int:
    """Record rows (insert, or update the row of the same log file); returns how many were written."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    values = []
    for row in rows:
        interval = row.interval
        values.append(
            (
                _location(row),
                row.task,
                row.model,
                row.run,
                row.created,
                row.status,
                row.positives,
                row.n,
                row.unscored,
                row.errors,
                row.rate,
                interval[0] if interval else None,
                interval[1] if interval else None,
                now,
            )
        )
    try:
        with closing(_connect(path)) as db, db:
            db.executemany(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (log_file, task, model) DO UPDATE SET run = excluded.run, "
                "created = excluded.created, status = excluded.status, positives = excluded.positives, "
                "n = excluded.n, unscored = excluded.unscored, errors = excluded.errors, rate = excluded.rate, "
                "ci_low = excluded.ci_low, ci_high = excluded.ci_high, recorded = excluded.recorded",
                values,
            )
    except sqlite3.Error as exc:
        raise HistoryError(f"cannot write history {path}: {exc}") from None
    return len(values)


def _location(row: Row) -> str:
    """The row's key: its log file's absolute path (or URI), else its run."""
    if not row.log_file:
        return row.run
    return row.log_file if "://" in row.log_file else str(Path(row.log_file).resolve())


def series(path: Path) -> list[Point]:
    """Every run's result, one point per (run, task, model) — the newest log of each — in time order."""
    if not path.exists():
        return []
    try:
        with closing(_connect(path)) as db:
            found = db.execute(
                "SELECT task, model, run, created, positives, n, rate, ci_low, ci_high FROM results "
                "ORDER BY created, log_file"
            ).fetchall()
    except sqlite3.Error as exc:
        raise HistoryError(f"cannot read history {path}: {exc}") from None
    newest: dict[tuple[str, str, str], Point] = {}
    for task, model, run, created, positives, n, rate, ci_low, ci_high in found:
        newest[(run, task, model)] = Point(task, model, run, created, positives, n, rate, ci_low, ci_high)
    return sorted(newest.values(), key=lambda p: (p.created, p.task, p.model))


def changes(points: Sequence[Point]) -> list[str]:
    """Between the two latest runs of each (model, task): a rate that rose beyond both intervals is a
    regression, one that fell beyond them an improvement. Runs with nothing graded are left out."""
    by_key: dict[tuple[str, str], list[Point]] = {}
    for point in points:
        if point.n > 0:
            by_key.setdefault((point.model, point.task), []).append(point)
    lines: list[str] = []
    for (model, task), history in sorted(by_key.items()):
        if len(history) < 2:
            continue
        before, after = history[-2], history[-1]
        assert before.rate is not None and after.rate is not None
        assert before.ci_high is not None and before.ci_low is not None
        assert after.ci_low is not None and after.ci_high is not None
        arrow = f"{model} {task} {before.rate:.2f} → {after.rate:.2f}"
        if after.rate > before.ci_high and before.rate < after.ci_low:
            lines.append(f"regression: {arrow}")
        elif after.rate < before.ci_low and before.rate > after.ci_high:
            lines.append(f"improvement: {arrow}")
    return lines
