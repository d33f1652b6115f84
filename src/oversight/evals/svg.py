"""The HTML report: one self-contained page with the table, the headlines and inline SVG plots drawn by hand
(rates per model with their intervals; rates over time per model), so it needs no plotting library or network."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from .history import Point
from .report import Row

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
_FONT = 'font-family="sans-serif" font-size="12"'


def _x(value: float, left: float, width: float) -> float:
    return left + value * width


def interval_chart(title: str, rows: Sequence[Row]) -> str:
    """One line per model: a dot at the rate, a bar across its 95% interval, on a 0–1 axis."""
    left, width, line, top = 220.0, 360.0, 26, 30
    height = top + line * max(1, len(rows)) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="intervals" width="{left + width + 200:.0f}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="4" y="16" {_FONT} font-weight="bold">{escape(title)}</text>',
    ]
    axis_y = top + line * max(1, len(rows))
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = _x(tick, left, width)
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 16}" {_FONT} text-anchor="middle">{tick:g}</text>')
    for i, row in enumerate(rows):
        y = top + line * i + line / 2
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" {_FONT} text-anchor="end">{escape(row.model)}</text>'
        )
        interval, rate = row.interval, row.rate
        if interval is None or rate is None:
            parts.append(f'<text x="{left + 4}" y="{y + 4:.1f}" {_FONT} fill="#888">nothing graded</text>')
            continue
        x0, x1, xr = (_x(v, left, width) for v in (interval[0], interval[1], rate))
        parts.append(
            f'<line class="ci" x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="3"><title>95% CI {interval[0]:.2f}–{interval[1]:.2f}</title></line>'
        )
        parts.append(f'<circle class="rate" cx="{xr:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        parts.append(
            f'<text x="{left + width + 8}" y="{y + 4:.1f}" {_FONT}>{rate:.2f} '
            f"[{interval[0]:.2f}, {interval[1]:.2f}] n={row.n}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _time(value: str) -> float:
    try:
        return datetime.fromisoformat(value).timestamp()
    except ValueError:
        return 0.0


def timeline_chart(title: str, points: Sequence[Point]) -> str:
    """Rate (0–1) against run time, one line per model, with each run's interval as a vertical bar."""
    left, top, width, height = 50.0, 30.0, 460.0, 180.0
    models = sorted({p.model for p in points if p.rate is not None})
    graded = [p for p in points if p.rate is not None]
    times = [_time(p.created) for p in graded]
    t0, t1 = (min(times), max(times)) if times else (0.0, 1.0)
    span = (t1 - t0) or 1.0
    total_h = top + height + 30 + 18 * len(models)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{left + width + 30:.0f}" '
        f'height="{total_h:.0f}" role="img" aria-label="{escape(title)}">',
        f'<text x="4" y="16" {_FONT} font-weight="bold">{escape(title)}</text>',
    ]

    def xy(point: Point, value: float) -> tuple[float, float]:
        x = left + (_time(point.created) - t0) / span * width if len(set(times)) > 1 else left + width / 2
        return x, top + (1 - value) * height

    for tick in (0.0, 0.5, 1.0):
        y = top + (1 - tick) * height
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" {_FONT} text-anchor="end">{tick:g}</text>')
    ends = ((t0, left, "start"), (t1, left + width, "end")) if times else ()
    for moment, x_end, anchor in ends:
        stamp = datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M")
        parts.append(
            f'<text x="{x_end}" y="{top + height + 16}" {_FONT} text-anchor="{anchor}">{stamp}</text>'
        )
    for i, model in enumerate(models):
        colour = PALETTE[i % len(PALETTE)]
        mine = [p for p in graded if p.model == model]
        coords = [xy(p, p.rate or 0.0) for p in mine]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for point, (x, y) in zip(mine, coords, strict=True):
            if point.ci_low is not None and point.ci_high is not None:
                _, y_low = xy(point, point.ci_low)
                _, y_high = xy(point, point.ci_high)
                parts.append(
                    f'<line x1="{x:.1f}" y1="{y_low:.1f}" x2="{x:.1f}" y2="{y_high:.1f}" stroke="{colour}" '
                    'stroke-opacity="0.5"/>'
                )
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(model)} '
                f"{escape(point.created)}: {point.rate:.2f} (n={point.n})</title></circle>"
            )
        legend_y = top + height + 36 + 18 * i
        parts.append(f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + 16}" y="{legend_y}" {_FONT}>{escape(model)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


_STYLE = """
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
td.num { text-align: right; }
.regression { color: #b00; font-weight: bold; }
section { margin: 1.5em 0; }
"""


def render_html(
    rows: Sequence[Row], headlines: Sequence[str], points: Sequence[Point], changes: Sequence[str] = ()
) -> str:
    """The whole page: headlines, changes between runs, the table, then per task both plots."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>oversight evaluations</title>',
        f"<style>{_STYLE}</style></head><body>",
        "<h1>oversight evaluations</h1>",
        "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in headlines) + "</ul>",
    ]
    if changes:
        out.append(
            "<ul>"
            + "".join(
                f'<li class="{"regression" if c.startswith("regression") else "change"}">{escape(c)}</li>'
                for c in changes
            )
            + "</ul>"
        )
    out.append(
        "<table><tr><th>task</th><th>model</th><th>rate</th><th>95% CI</th><th>n</th>"
        "<th>unscored</th><th>errors</th><th>graders' kappa</th></tr>"
    )
    for row in rows:
        interval, rate = row.interval, row.rate
        ci = f"{interval[0]:.2f}–{interval[1]:.2f}" if interval else "–"
        out.append(
            f"<tr><td>{escape(row.task)}</td><td>{escape(row.model)}</td>"
            f'<td class="num">{"–" if rate is None else f"{rate:.2f}"}</td><td>{ci}</td>'
            f'<td class="num">{row.n}</td><td class="num">{row.unscored}</td><td class="num">{row.errors}</td>'
            f'<td class="num">{"–" if row.kappa is None else f"{row.kappa:.2f}"}</td></tr>'
        )
    out.append("</table>")
    for task in sorted({r.task for r in rows}):
        out.append(f"<section><h2>{escape(task)}</h2>")
        out.append(
            interval_chart(
                f"{task}: rate per model (95% Wilson interval)", [r for r in rows if r.task == task]
            )
        )
        history = [p for p in points if p.task == task]
        if history:
            out.append(timeline_chart(f"{task}: rate over time", history))
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)
