"""SARIF 2.1.0 for GitHub code scanning: one run, a result per located issue, rules described once.

Deductions are ``warning``, unanswered rules ``note``, invalid profiles, failed gates and veto rules
``error``. A failed plugin is a tool execution notification and makes the invocation unsuccessful.
Results are streamed; only the rule index outlives each profile.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from ucm_check import __version__
from ucm_check.batch import GATE_TITLES, Issue, Outcome, gate_code, repo_path
from ucm_check.numbers import json_number

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/ucm-check/ucm-check"
_OWN = {
    "UCM-INVALID": ("档案无效", "自评档案无法读取或未通过校验（TOML 语法、字段、取值）。"),
    "UCM-PLUGIN": ("插件出错", "评分插件出错，该区域未评分。"),
    **{gate_code(g): (f"未通过门槛：{t}", f"省级提交策略的门槛 {g} 未通过。") for g, t in GATE_TITLES.items()},
}


def uri(path: str) -> str:
    """A relative URI reference for a file path: forward slashes, percent-encoded (Chinese names too)."""
    return quote(repo_path(path), safe="/-_.~")


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


class Writer:
    def __init__(self, out: TextIO, run: Any):
        self.out = out
        self.rules: dict[str, int] = {}
        self.descriptors: list[dict[str, Any]] = []
        self.first = True
        out.write('{"$schema":' + _dump(SCHEMA) + ',"version":"2.1.0","runs":[{"results":[')

    def _rule(self, issue: Issue, o: Outcome) -> int:
        if issue.code in self.rules:
            return self.rules[issue.code]
        rule = None
        if o.checked.result is not None:
            rule = o.checked.result.standard.rule(issue.code)
        if rule is not None:
            d = {"id": rule.code, "name": rule.code.replace("-", ""),
                 "shortDescription": {"text": rule.title},
                 "fullDescription": {"text": rule.text},
                 "help": {"text": f"条款：{rule.clause}\n整改：{rule.remedy}" + (f"\n读法：{rule.reading}" if rule.reading else "")},
                 "properties": {"clause": str(rule.clause), "max_points": json_number(rule.max_points), "tags": ["compliance"]}}
        else:
            title, text = _OWN.get(issue.code, (issue.title, issue.title))
            d = {"id": issue.code, "shortDescription": {"text": title}, "fullDescription": {"text": text}}
        self.rules[issue.code] = len(self.descriptors)
        self.descriptors.append(d)
        return self.rules[issue.code]

    def add(self, o: Outcome) -> None:
        for issue in o.issues:
            result = {
                "ruleId": issue.code,
                "ruleIndex": self._rule(issue, o),
                "level": issue.severity,
                "message": {"text": f"{issue.title}：{issue.message}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(issue.file), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": issue.line, "startColumn": issue.column},
                }}],
            }
            if issue.kind == "rule":
                result["properties"] = {"points": json_number(issue.points)}
            self.out.write(("" if self.first else ",\n") + _dump(result))
            self.first = False

    def finish(self, run: Any) -> None:
        notes = [{"level": "error", "message": {"text": str(e)}, "descriptor": {"id": f"UCM-PLUGIN-{e.hook}"}}
                 for e in run.plugin_errors]
        invocation = {"executionSuccessful": not run.plugin_errors, "exitCode": run.exit_code,
                      "toolExecutionNotifications": notes}
        tool = {"driver": {"name": "ucm-check", "version": __version__, "semanticVersion": __version__,
                           "informationUri": INFO_URI, "rules": self.descriptors}}
        self.out.write("],\n" + '"tool":' + _dump(tool) + ',"invocations":[' + _dump(invocation) + "]"
                       + ',"columnKind":"unicodeCodePoints"}]}\n')
