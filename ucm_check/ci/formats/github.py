"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message`` annotations.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, so the worst come
first (errors, then the deductions worth most points) and everything beyond the first ten of each
kind goes, with the ranked summary, to the job summary file named by ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import os
from typing import Any, TextIO

from ucm_check.ci.outcome import ERROR, NOTE, WARNING, Issue, Outcome, repo_path

from ucm_check.engine.status import GITHUB_COMMAND as COMMAND

LIMIT = 10


def escape_data(text: str) -> str:
    """Message text: ``%``, CR and LF are encoded, as the runner decodes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values additionally encode ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(issue: Issue) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in (
        ("file", repo_path(issue.file)), ("line", issue.line), ("col", issue.column),
        ("title", f"{issue.code} {issue.title}")))
    return f"::{COMMAND[issue.severity]} {props}::{escape_data(issue.message)}"


def split(issues: list[Issue], limit: int = LIMIT) -> tuple[list[Issue], list[Issue]]:
    """(annotated, rest): the worst ``limit`` of each severity, and the others, both worst first."""
    shown, rest = [], []
    count = {ERROR: 0, WARNING: 0, NOTE: 0}
    for issue in sorted(issues, key=Issue.sort_key):
        if count[issue.severity] < limit:
            count[issue.severity] += 1
            shown.append(issue)
        else:
            rest.append(issue)
    return shown, rest


def _md(text: str) -> str:
    from ucm_check.files import markdown as mdtext

    return mdtext.text(text)


class Writer:
    def __init__(self, out: TextIO, run: Any, *, summary_path: str | None = None):
        self.out = out
        self.issues: list[Issue] = []
        self.summary_path = summary_path if summary_path is not None else os.environ.get("GITHUB_STEP_SUMMARY", "")

    def add(self, o: Outcome) -> None:
        self.issues.extend(o.issues)

    def finish(self, run: Any) -> None:
        from ucm_check.files import markdown as mdtext
        from ucm_check.ci.formats.summary import markdown_table

        for e in run.plugin_errors:
            self.issues.append(Issue(ERROR, "UCM-PLUGIN", f"插件 {e.plugin} 出错", str(e), "", kind="plugin"))
        shown, rest = split(self.issues)
        for issue in shown:
            if issue.file:
                self.out.write(command(issue) + "\n")
            else:
                self.out.write(f"::{COMMAND[issue.severity]} title={escape_property(issue.title)}::{escape_data(issue.message)}\n")
        counts = {s: sum(1 for i in self.issues if i.severity == s) for s in COMMAND}
        lines = ["## ucm-check 自评检查", "",
                 f"检查 {len(run.rows)} 个档案：错误 {counts[ERROR]} 条、警告 {counts[WARNING]} 条、提示 {counts[NOTE]} 条；退出码 {run.exit_code}。", ""]
        if len(run.rows) > 0:
            lines.append(markdown_table(run.rows))
        if rest:
            lines += [f"### 未作为注释显示的问题（{len(rest)} 条，GitHub 每步最多显示错误、警告、提示各 {LIMIT} 条）", "",
                      "| 级别 | 文件 | 行 | 规则 | 说明 |", "|---|---|---:|---|---|"]
            lines += [f"| {COMMAND[i.severity]} | {mdtext.code(i.file)} | {i.line} | {_md(i.code + ' ' + i.title)} | {_md(i.message)} |" for i in rest]
            lines.append("")
        text = "\n".join(lines) + "\n"
        if self.summary_path:
            with open(self.summary_path, "a", encoding="utf-8") as fh:
                fh.write(text)
        elif rest:
            self.out.write(f"ucm-check: 另有 {len(rest)} 条问题超出注释上限；未设置 GITHUB_STEP_SUMMARY，逐条列出如下：\n")
            for i in rest:
                self.out.write(f"{i.file}:{i.line}:{i.column}: {COMMAND[i.severity]}: {i.code} {i.title}：{i.message}\n")
