"""End to end, offline: `oversight eval run` on a slice of the real suite (two samples of two tasks) with
SmolLM2 as the model under test and, self-grading explicitly allowed, as the grader; then the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oversight.cli import main


@pytest.mark.slow
def test_a_slice_of_the_suite_runs_on_the_local_model_and_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    args = ["eval", "run", "--model", "oversight-local/smollm2", "--grader", "oversight-local/smollm2"]
    args += ["--allow-self-grading", "--task", "public_comment_fraud", "--task", "goals"]
    # No --epochs: the local profile runs each goals question once (its own default is 5).
    args += ["--limit", "2", "--max-tokens", "48", "--log-dir", str(logs)]
    status = main(args)
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "oversight-local/smollm2" in out
    assert len(list(logs.glob("*.eval"))) == 2

    assert main(["eval", "report", str(logs), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = {row["task"]: row for row in document["rows"]}
    assert set(rows) == {"public_comment_fraud", "goals"}
    for row in rows.values():
        assert row["model"] == "oversight-local/smollm2" and row["status"] == "success"
        # Every sample is accounted for, once: graded, or unscored (a small grader often gives no label), or
        # errored.
        assert row["n"] + row["unscored"] + row["errors"] == 2
        assert (row["rate"] is None) == (row["n"] == 0)
    assert any(
        line.endswith("public_comment_fraud") or "public_comment_fraud (" in line
        for line in document["headlines"]
    )
