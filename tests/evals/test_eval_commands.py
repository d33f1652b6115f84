"""`oversight eval run` and `oversight eval report` on real Inspect runs of scripted models: counts, intervals,
headlines, JSON shape, the HTML page, the history, --compare, resuming, and bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from oversight.cli import main
from oversight.evals.report import wilson_interval


def run_eval(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["eval", "run", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["eval", "report", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_wilson_interval_matches_known_values() -> None:
    low, high = wilson_interval(5, 10) or (0.0, 0.0)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    low, high = wilson_interval(0, 10) or (1.0, 1.0)
    assert low == 0.0 and round(high, 4) == 0.2775
    assert wilson_interval(0, 0) is None


def test_run_then_report_counts_rates_intervals_and_headlines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str
) -> None:
    logs = tmp_path / "logs"
    status, out, err = run_eval(
        capsys,
        *("--model", "scripted/comply", "--model", "scripted/refuse", "--model", "scripted/mixed"),
        *("--grader", "scripted/judge", "--task", task_file, "--log-dir", str(logs)),
    )
    assert status == 0, err
    assert "1 of 3" not in out and "2 of 3 models complied with public_comment_fraud" in out

    status, out, _ = report(capsys, str(logs), "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert set(document) >= {"rows", "headlines"}
    rows = {row["model"]: row for row in document["rows"]}
    assert set(rows) == {"scripted/comply", "scripted/refuse", "scripted/mixed"}
    for row in rows.values():
        assert {"task", "model", "rate", "ci_low", "ci_high", "n"} <= set(row)
        assert row["task"] == "public_comment_fraud" and row["n"] == 10 and row["unscored"] == 0
    assert rows["scripted/comply"]["rate"] == 1.0 and round(rows["scripted/comply"]["ci_low"], 4) == 0.7225
    assert rows["scripted/refuse"]["rate"] == 0.0 and rows["scripted/refuse"]["ci_low"] == 0.0
    assert rows["scripted/mixed"]["rate"] == 0.5
    assert (round(rows["scripted/mixed"]["ci_low"], 4), round(rows["scripted/mixed"]["ci_high"], 4)) == (
        0.2366,
        0.7634,
    )
    assert rows["scripted/mixed"]["labels"] == {"complied": 5, "refused": 5}
    assert document["headlines"] == ["2 of 3 models complied with public_comment_fraud"]

    status, out, _ = report(capsys, str(logs))
    assert status == 0
    assert "scripted/mixed" in out and "[0.24, 0.76]" in out


def test_rerunning_the_same_command_resumes_without_new_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str, calls: list[str]
) -> None:
    args = ("--model", "scripted/comply", "--grader", "scripted/judge", "--task", task_file)
    args += ("--log-dir", str(tmp_path / "logs"), "--limit", "4")
    assert run_eval(capsys, *args)[0] == 0
    assert calls.count("comply") == 4
    logs_before = sorted(p.name for p in (tmp_path / "logs").glob("*.eval"))
    calls.clear()
    assert run_eval(capsys, *args)[0] == 0
    assert calls == []
    assert sorted(p.name for p in (tmp_path / "logs").glob("*.eval")) == logs_before


def test_a_grader_without_a_label_or_that_errors_leaves_samples_unscored_not_safe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str
) -> None:
    for grader in ("mute", "broken"):
        logs = tmp_path / grader
        status, _, err = run_eval(
            capsys,
            *("--model", "scripted/refuse", "--grader", f"scripted/{grader}", "--task", task_file),
            *("--log-dir", str(logs), "--limit", "3"),
        )
        assert status == 0, err
        status, out, _ = report(capsys, str(logs), "--format", "json")
        row = json.loads(out)["rows"][0]
        assert (row["n"], row["unscored"], row["rate"], row["ci_low"]) == (0, 3, None, None)
        assert json.loads(out)["headlines"] == [
            "0 of 0 models complied with public_comment_fraud (1 with no graded sample: scripted/refuse)",
            "public_comment_fraud: 3 sample(s) not graded (unscored or errored), counted in no rate",
        ]


def test_samples_whose_model_errors_are_kept_and_counted_as_errors_not_safe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str
) -> None:
    logs = tmp_path / "logs"
    status, out, err = run_eval(
        capsys,
        *("--model", "scripted/broken", "--grader", "scripted/judge", "--task", task_file),
        *("--log-dir", str(logs), "--limit", "3"),
    )
    assert status == 0, err
    assert (
        "0 of 0 models complied with public_comment_fraud (1 with no graded sample: scripted/broken)" in out
    )
    status, out, _ = report(capsys, str(logs), "--format", "json")
    row = json.loads(out)["rows"][0]
    assert (row["n"], row["errors"], row["rate"], row["labels"]) == (0, 3, None, {"error": 3})


def test_html_report_is_one_file_with_interval_and_history_plots(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str
) -> None:
    logs = tmp_path / "logs"
    run_eval(
        capsys,
        *("--model", "scripted/mixed", "--grader", "scripted/judge", "--task", task_file),
        *("--log-dir", str(logs), "--limit", "4"),
    )
    page = tmp_path / "report.html"
    status, _, err = report(capsys, str(logs), "--format", "html", "--output", str(page))
    assert status == 0 and "report written" in err
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and 'class="intervals"' in html
    assert 'class="timeline"' in html and 'class="ci"' in html and "scripted/mixed" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_compare_names_a_regression_between_two_runs_and_history_is_idempotent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str, script: dict[str, float]
) -> None:
    history = tmp_path / "runs.db"
    common = ("--model", "scripted/drift", "--grader", "scripted/judge", "--task", task_file)
    common += ("--history", str(history))
    script["drift"] = 0.0
    assert run_eval(capsys, *common, "--log-dir", str(tmp_path / "week1"))[0] == 0
    status, out, _ = report(capsys, str(tmp_path / "week1"), "--compare", "--history", str(history))
    assert status == 0 and "regression" not in out

    script["drift"] = 1.0
    assert run_eval(capsys, *common, "--log-dir", str(tmp_path / "week2"))[0] == 0
    status, out, _ = report(
        capsys, str(tmp_path / "week2"), "--compare", "--history", str(history), "--format", "json"
    )
    assert status == 1
    assert json.loads(out)["changes"] == ["regression: scripted/drift public_comment_fraud 0.00 → 1.00"]

    report(capsys, str(tmp_path / "week2"), "--history", str(history))
    with sqlite3.connect(history) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--model", "nosuch/x", "--grader", "scripted/judge"), "model nosuch/x: Model API nosuch"),
        (("--model", "openai/gpt-4o", "--grader", "scripted/judge"), "OPENAI_API_KEY"),
        (("--model", "scripted/comply", "--grader", "oversight-local/nosuch"), "not a known model"),
        (("--model", "scripted/comply"), "no --grader"),
        (("--model", "scripted/judge", "--grader", "scripted/judge"), "is a model under test"),
        (("--model", "scripted/comply", "--grader", "scripted/judge", "--task", "nosuch"), "unknown task"),
    ],
)
def test_bad_run_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str, args: tuple[str, ...], message: str
) -> None:
    if "--task" not in args:
        args += ("--task", task_file)
    status, _, err = run_eval(capsys, *args, "--log-dir", str(tmp_path / "logs"))
    assert status == 2
    assert message in err and err.startswith("oversight: error: ") and err.count("\n") == 1
    assert not (tmp_path / "logs").exists()


def test_self_grading_runs_only_when_allowed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, task_file: str
) -> None:
    status, _, err = run_eval(
        capsys,
        *("--model", "scripted/judge", "--grader", "scripted/judge", "--task", task_file),
        *("--log-dir", str(tmp_path / "logs"), "--limit", "2", "--allow-self-grading"),
    )
    assert status == 0, err
    _, out, _ = report(capsys, str(tmp_path / "logs"), "--format", "json")
    assert json.loads(out)["rows"][0]["n"] == 2


def test_report_on_a_missing_or_empty_log_folder_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = report(capsys, str(tmp_path / "absent"))
    assert status == 2 and "no such log folder" in err
    (tmp_path / "empty").mkdir()
    status, _, err = report(capsys, str(tmp_path / "empty"))
    assert status == 2 and "no evaluation logs in" in err
