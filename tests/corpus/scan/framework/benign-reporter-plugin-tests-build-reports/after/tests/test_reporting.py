import pytest
from _pytest.reports import TestReport

from shopcart.reporting import summarize


def make(outcome):
    return TestReport(
        nodeid="tests/test_x.py::test_a",
        location=("tests/test_x.py", 1, "test_a"),
        keywords={},
        outcome=outcome,
        longrepr=None,
        when="call",
    )


def test_summarize_counts():
    reports = [make("passed"), make("failed"), TestReport("n", ("f", 1, "d"), {}, "passed", None, "call")]
    assert summarize(reports) == {"passed": 2, "failed": 1}


def test_summarize_mutated():
    report = make("failed")
    report.outcome = "passed"
    assert summarize([report]) == {"passed": 1}
