"""SARIF 2.1.0 for GitHub code scanning: one run, a result per located issue, rules described once.

Levels follow :mod:`ucm_check.engine.status`: overdue and unmet dated duties, invalid profiles,
failed gates and veto rules ``error`` (the deadline in the message); deductions and duties due soon
``warning``; unanswered rules ``note``. A failed plugin is a tool execution notification and makes
the invocation unsuccessful. Every rule, ucm-check's own included, has ``help``; every result has
``partialFingerprints`` built from the rule, the unit and the key it is about (never the value),
so an alert survives a changed value. URIs are relative to the repository root with ``uriBaseId``
``%SRCROOT%``; a file outside any checkout gets an absolute ``file:`` URI and no base.
Results are streamed; only the rule index outlives each profile.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO
from urllib.parse import quote

from ucm_check import __version__
from ucm_check.ci.outcome import GATE_TITLES, Issue, Outcome, gate_code, repo_relative
from ucm_check.numbers import json_number

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/ucm-check/ucm-check"
FINGERPRINT = "ucmCheck/v1"
_GATE_HELP = {
    "min_score": "总分（评价不完整时按最低可能得分）不低于 --min-score。补齐未填写项目、整改扣分项后重新自评。",
    "min_total": "总分（评价不完整时按最低可能得分）不低于策略的 min_total。补齐未填写项目、整改扣分项后重新自评。",
    "min_area": "该区域得分（未填写项按最不利计）不低于策略 [min_area] 的要求。整改该区域的扣分项。",
    "veto": "一票否决规则不得扣分、逾期、未落实或未填写。见各否决规则的结果。",
    "max_unanswered": "未填写的适用项目不超过策略的 max_unanswered。在档案中逐项填写。",
    "max_overdue": "逾期的整改事项和逾期、未落实的定期任务不超过策略的 max_overdue。完成逾期事项，或在整改台账中如实记录延期原因。",
    "evidence": "自评达标或加分的规则须在 [evidence] 中列出佐证材料。补充材料后运行 ucm-check verify --record。",
}
_OWN = {
    "UCM-INVALID": ("档案无效", "自评档案（或其整改台账）无法读取或未通过校验（TOML 语法、字段、取值）。",
                    "按消息所指的文件、行、列改正；ucm-check schema 给出档案的 JSON Schema，编辑器可据此提示。"),
    "UCM-PLUGIN": ("插件出错", "评分插件出错，该区域未评分。",
                   "运行 ucm-check plugins 查看出错的插件；升级或停用（--disable-plugin）后重新检查。"),
    **{gate_code(g): (f"未通过门槛：{t}", f"省级提交策略的门槛 {g} 未通过。", _GATE_HELP[g]) for g, t in GATE_TITLES.items()},
}


def uri(path: str) -> tuple[str, bool]:
    """(URI, relative) for a file: relative to the repository root, forward slashes, percent-encoded
    (Chinese names too); or an absolute ``file:`` URI when the file lies in no checkout."""
    found, relative = repo_relative(path)
    if relative:
        return quote(found, safe="/-_.~"), True
    return "file://" + quote(found if found.startswith("/") else "/" + found, safe="/-_.~:"), False


def partial_fingerprint(issue: Issue) -> str:
    """Rule, unit and key (or the repository-relative file for an invalid one): not the value."""
    where = issue.unit or repo_relative(issue.file)[0]
    text = "\0".join((issue.code, where, issue.key if issue.kind != "invalid" else ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


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
            title, text, help_text = _OWN.get(issue.code, (issue.title, issue.title, issue.title))
            d = {"id": issue.code, "name": issue.code.replace("-", ""), "shortDescription": {"text": title},
                 "fullDescription": {"text": text}, "help": {"text": help_text}, "properties": {"tags": ["compliance"]}}
        self.rules[issue.code] = len(self.descriptors)
        self.descriptors.append(d)
        return self.rules[issue.code]

    def add(self, o: Outcome) -> None:
        for issue in o.issues:
            address, relative = uri(issue.file)
            artifact = {"uri": address, "uriBaseId": "%SRCROOT%"} if relative else {"uri": address}
            result: dict[str, Any] = {
                "ruleId": issue.code,
                "ruleIndex": self._rule(issue, o),
                "level": issue.severity,
                "message": {"text": f"{issue.title}：{issue.message}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": issue.line, "startColumn": issue.column},
                }}],
                "partialFingerprints": {FINGERPRINT: partial_fingerprint(issue)},
            }
            if issue.kind == "rule":
                result["properties"] = {"points": json_number(issue.points), "status": issue.status}
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
