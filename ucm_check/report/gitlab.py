"""GitLab Code Quality report: a JSON array of issues, each with a stable fingerprint.

Severity: invalid profile ``blocker``; failed gate or veto rule ``critical``; a deduction of 2
points or more ``major``, smaller ones ``minor``; an unanswered rule ``info``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from ucm_check.batch import ERROR, NOTE, Issue, Outcome, repo_path


def severity(issue: Issue) -> str:
    if issue.code == "UCM-INVALID":
        return "blocker"
    if issue.severity == ERROR:
        return "critical"
    if issue.severity == NOTE:
        return "info"
    return "major" if issue.points >= 2 else "minor"


def fingerprint(issue: Issue) -> str:
    """Stable across runs while the same problem stays on the same rule of the same file."""
    key = "\0".join((issue.file, issue.code, issue.title, issue.message if issue.code.startswith("UCM-") else ""))
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
                "categories": ["Compliance"],
                "location": {"path": repo_path(issue.file), "lines": {"begin": issue.line}},
            }
            self.out.write(("\n" if self.first else ",\n") + json.dumps(item, ensure_ascii=False))
            self.first = False

    def finish(self, run: Any) -> None:
        for e in run.plugin_errors:
            issue = Issue(ERROR, "UCM-PLUGIN", f"插件 {e.plugin} 出错", str(e), "pyproject.toml")
            item = {"type": "issue", "description": str(e), "check_name": "UCM-PLUGIN", "fingerprint": fingerprint(issue),
                    "severity": "critical", "categories": ["Bug Risk"], "location": {"path": ".", "lines": {"begin": 1}}}
            self.out.write(("\n" if self.first else ",\n") + json.dumps(item, ensure_ascii=False))
            self.first = False
        self.out.write("\n]\n")
