"""The ``sarif`` format: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every registered rule is described in ``runs[0].tool.driver.rules`` (its documentation is
the rule's docstring, as ``ladders rules CODE`` prints it); each finding is a result that
points at its rule by ``ruleId`` and ``ruleIndex``. File locations are relative to the
working directory (``uriBaseId`` ``%SRCROOT%``), which is the repository root in CI.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ladders._version import __version__
from ladders.findings import Finding, Severity
from ladders.report.base import Reporter, relative_path
from ladders.rules import RULES, Rule

__all__ = ["SARIF_SCHEMA", "SarifReporter", "artifact_location"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """The SARIF ``artifactLocation`` of a file: a URI relative to ``%SRCROOT%``.

    >>> artifact_location("ladders/org chart.yaml")
    {'uri': 'ladders/org%20chart.yaml', 'uriBaseId': '%SRCROOT%'}
    """
    relative = relative_path(path)
    if os.path.isabs(relative):
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}


def _descriptor(rule: Rule) -> dict[str, Any]:
    doc = inspect.cleandoc(rule.doc) if rule.doc.strip() else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": str(rule.severity)},
        "properties": {"tags": ["career-ladder"]},
    }


class SarifReporter(Reporter):
    """One run, with the rules' metadata and one result per finding."""

    name = "sarif"

    def document(self) -> dict[str, Any]:
        """The SARIF log as plain data."""
        rules = dict(RULES)
        for finding in self.findings:  # a code the registry does not know still gets an entry
            if finding.code not in rules:
                severity = Severity(finding.severity)
                rules[finding.code] = Rule(finding.code, finding.name, severity, {}, "", "ladder")
        index = {code: i for i, code in enumerate(rules)}
        cwd = Path.cwd().as_uri().rstrip("/") + "/"
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "ladders",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "rules": [_descriptor(rule) for rule in rules.values()],
                        }
                    },
                    "originalUriBaseIds": {SRCROOT: {"uri": cwd}},
                    "artifacts": [{"location": artifact_location(f)} for f in self.files],
                    "results": [self._result(f, index[f.code]) for f in self.findings],
                }
            ],
        }

    @staticmethod
    def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index,
            "level": str(finding.severity),
            # A workbook's findings name the sheet and cell (the region has its row and
            # column), as SARIF viewers show only the file otherwise.
            "message": {
                "text": f"{finding.cell}: {finding.message}" if finding.cell else finding.message
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(finding.file),
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    }
                }
            ],
        }
        properties: dict[str, str] = {}
        if finding.role is not None:
            properties["role"] = finding.role
        if finding.sheet is not None:
            properties["sheet"] = finding.sheet
        if properties:
            result["properties"] = properties
        return result

    def stop(self) -> None:
        json.dump(self.document(), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
