"""GitLab Code Quality report: a JSON array of Code Climate issues, each with a stable fingerprint.

Severity follows :mod:`ucm_check.engine.status`: invalid profile ``blocker``; failed gate, veto rule,
overdue or unmet duty ``critical``; a deduction of 2 points or more ``major``, smaller ones and
duties due soon ``minor``; an unanswered rule ``info``. Categories are Code Climate's own:
``Bug Risk`` for what fails or loses points, ``Clarity`` for what is left unanswered.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from ucm_check.ci.outcome import ERROR, NOTE, Issue, Outcome, repo_path
from ucm_check.engine import status as st

#: Code Climate's categories (spec: Bug Risk, Clarity, Compatibility, Complexity, Duplication, Performance, Security, Style).
BUG_RISK, CLARITY = "Bug Risk", "Clarity"


def severity(issue: Issue) -> str:
    if issue.code == "UCM-INVALID":
        return "blocker"
    if issue.status:
        found = st.gitlab_severity(issue.status, issue.points, veto=issue.severity == ERROR)
        if found:
            return found
    if issue.severity == ERROR:
        return "critical"
    if issue.severity == NOTE:
        return "info"
    return "major" if issue.points >= 2 else "minor"


def category(issue: Issue) -> str:
    return CLARITY if issue.severity == NOTE else BUG_RISK


def fingerprint(issue: Issue) -> str:
    """Stable while the same rule (or gate) stays open on the same file: the repository-relative,
    normalised path, the code and the key it is about; never the message, the value or the line."""
    key = "\0".join((repo_path(issue.file) if issue.file else "", issue.code, issue.key))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class Writer:
    def __init__(self, out: TextIO, run: Any):
        self.out = out
        self.first = True
        out.write("[")

    def add(self, o: Outcome) -> None:
        for issue in o.issues:
            item = {
                "type": "issue",
                "description": f"{issue.code} {issue.title}：{issue.message}",
                "check_name": issue.code,
                "fingerprint": fingerprint(issue),
                "severity": severity(issue),
                "categories": [category(issue)],
                "location": {"path": repo_path(issue.file), "lines": {"begin": issue.line}},
            }
            self.out.write(("\n" if self.first else ",\n") + json.dumps(item, ensure_ascii=False))
            self.first = False

    def finish(self, run: Any) -> None:
        for e in run.plugin_errors:
            issue = Issue(ERROR, "UCM-PLUGIN", f"插件 {e.plugin} 出错", str(e), "", key=f"{e.plugin} {e.hook}")
            item = {"type": "issue", "description": str(e), "check_name": "UCM-PLUGIN", "fingerprint": fingerprint(issue),
                    "severity": "critical", "categories": ["Bug Risk"], "location": {"path": ".", "lines": {"begin": 1}}}
            self.out.write(("\n" if self.first else ",\n") + json.dumps(item, ensure_ascii=False))
            self.first = False
        self.out.write("\n]\n")
