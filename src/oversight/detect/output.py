"""Findings rendered for people (text with the offending lines), for programs (JSON), and for code-scanning
tools (SARIF 2.1.0)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..types import Finding, Severity
from .engine import ScanResult
from .registry import FAMILIES, all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}


def render_text(result: ScanResult, *, color: bool = False) -> str:
    if not result.findings:
        summary = f"no findings in {len(result.files)} changed file{'s' if len(result.files) != 1 else ''}"
        return "\n".join([*result.notes, summary])
    out: list[str] = []
    for finding in result.findings:
        tag = finding.severity.label.upper()
        if color:
            tag = {"HIGH": "\x1b[31mHIGH\x1b[0m", "MEDIUM": "\x1b[33mMEDIUM\x1b[0m"}.get(tag, tag)
        out.append(f"{finding.path}:{finding.line}: {tag} {finding.rule} {finding.name}: {finding.message}")
        for line in finding.evidence.splitlines():
            out.append(f"    | {line}")
    out.extend(result.notes)
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in Severity}
    out.append(
        f"{len(result.findings)} finding{'s' if len(result.findings) != 1 else ''} "
        f"({counts[Severity.HIGH]} high, {counts[Severity.MEDIUM]} medium, {counts[Severity.LOW]} low) "
        f"in {len(result.files)} changed files"
    )
    return "\n".join(out)


def render_json(result: ScanResult) -> str:
    return json.dumps(
        {
            "findings": [f.to_json() for f in result.findings],
            "files": result.files,
            "notes": result.notes,
        },
        indent=2,
    )


def render_sarif(result: ScanResult) -> str:
    rules = all_rules()
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver_rules: list[dict[str, Any]] = []
    for rule in rules:
        driver_rules.append(
            {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.summary()},
                "help": {"text": rule.doc(), "markdown": rule.doc()},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "properties": {
                    "tags": [rule.family, FAMILIES[rule.family]],
                    "severity": rule.severity.label,
                },
            }
        )
    return json.dumps(
        {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "oversight",
                            "version": __version__,
                            "informationUri": "https://pypi.org/project/oversight/",
                            "rules": driver_rules,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": [_sarif_result(f, index) for f in result.findings],
                }
            ],
        },
        indent=2,
    )


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    if finding.end_line and finding.end_line >= finding.line:
        region["endLine"] = finding.end_line
    if finding.evidence:
        region["snippet"] = {"text": finding.evidence}
    return {
        "ruleId": finding.rule,
        "ruleIndex": index.get(finding.rule, -1),
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "properties": {"severity": finding.severity.label, "family": finding.family, "name": finding.name},
    }
