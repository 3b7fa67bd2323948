"""Markdown for a job summary or a merge-request comment: the ranked summary first, then a section
per profile with failed gates, gaps (points, observed, clause) and unanswered rules; for a standard
of dated duties, each duty's status and deadline instead of points. Profile text is escaped
(:mod:`ucm_check.files.markdown`).

Sections are spooled to a temporary file while profiles stream by, so memory stays flat.
"""

from __future__ import annotations

import tempfile
from typing import Any, TextIO

from ucm_check.ci.outcome import Outcome
from ucm_check.model import COMPLIANT, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_MET, OVERDUE, PENDING, UNANSWERED
from ucm_check.numbers import fmt
from ucm_check.files import markdown as mdtext
from ucm_check.engine import status as st


def _md(value: object) -> str:
    return mdtext.text(value)


def _duties(r: Any, order: str) -> list[str]:
    """A standard of dated duties: counts by status, then each failed or due-soon duty with its deadline."""
    by = st.counts(r.findings)
    lines = ["共 " + str(len(r.findings)) + " 项：" + "，".join(
        f"{st.DUTY_LABEL[s]} {by.get(s, 0)}"
        for s in (OVERDUE, NOT_MET, DUE_SOON, MET_LATE, PENDING, COMPLIANT, UNANSWERED, NOT_APPLICABLE))
        + ("" if r.complete else f"；评价不完整，{len(r.unanswered)} 项未填写，不计为已落实"), ""]
    gaps = r.gaps(order)
    if gaps:
        lines += [f"**未落实和将到期事项（{len(gaps)} 项）**", "", "| 规则 | 状态 | 完成时限 | 实际 | 条款 | 整改 |", "|---|---|---|---|---|---|"]
        lines += [f"| {f.rule.code} {_md(f.rule.title)} | {_md(st.describe(f))} | {f.due.isoformat() if f.due else '长期'} "
                  f"| {_md(f.observed)} | {_md(f.rule.clause)} | {_md(f.rule.remedy)} |" for f in gaps]
        lines.append("")
    late = [f for f in r.findings if f.status == MET_LATE]
    if late:
        lines += [f"**逾期完成事项（{len(late)} 项）**", "", "| 规则 | 完成时限 | 说明 | 条款 |", "|---|---|---|---|"]
        lines += [f"| {f.rule.code} {_md(f.rule.title)} | {f.due.isoformat() if f.due else '长期'} | {_md(f.note)} "
                  f"| {_md(f.rule.clause)} |" for f in late]
        lines.append("")
    if r.unanswered:
        lines += [f"**未填写（{len(r.unanswered)} 项，不计为已落实）**", ""]
        lines += [f"- {f.rule.code} {_md(f.rule.title)}" for f in r.unanswered]
        lines.append("")
    return lines


def mark(o: Outcome) -> str:
    """❌ when a gate failed, a plugin failed or a dated duty failed; ⚠️ when incomplete or a duty is
    due soon or was done late; ✅ otherwise (see :mod:`ucm_check.engine.status`)."""
    r = o.checked.result
    if r is None or o.extra_errors or any(not g.passed for g in o.gates) or r.errors:
        return "❌"
    verdicts = {st.verdict(f.status) for f in r.findings}
    if st.FAILURE in verdicts:
        return "❌"
    return "⚠️" if not r.complete or st.WARNING in verdicts else "✅"


def section(o: Outcome, *, order: str = "recoverable") -> str:
    """One profile's section."""
    c, r = o.checked, o.checked.result
    if r is None or o.extra_errors:
        lines = [f"## ❌ {mdtext.code(c.file)}：档案无效", ""]
        lines += [f"- 第 {e.line} 行第 {e.column} 列：{_md(e.message)}" if e.line else f"- {_md(e.message)}"
                  for e in [*c.errors, *o.extra_errors]]
        return "\n".join(lines) + "\n\n"
    failed = [g for g in o.gates if not g.passed]
    lines = [f"## {mark(o)} {_md(r.unit.get('name', ''))}（{mdtext.code(c.file)}）", ""]
    if r.standard.scored:
        lines += [f"{'总分' if r.complete else '暂计总分'} **{fmt(r.total)}** = 基础分 {fmt(r.standard.base)} - 扣分 {fmt(r.deducted)} + 加分 {fmt(r.bonus)}"
                  + ("" if r.complete else f"；评价不完整，{len(r.unanswered)} 项未填写，最低可能得分 {fmt(r.lowest_total)}"), ""]
    if failed:
        lines += ["**未通过的门槛**", ""] + [f"- {_md(g.message)}" for g in failed] + [""]
    if r.errors:
        lines += ["**插件出错（这些区域未评分）**", ""] + [f"- {a.area.number} {_md(a.area.title)}：{_md(a.error)}" for a in r.errors] + [""]
    if not r.standard.scored:
        return "\n".join(lines + _duties(r, order)) + "\n"
    gaps = r.gaps(order)
    if gaps:
        lines += [f"**扣分项（{len(gaps)} 项）**", "", "| 规则 | 扣分 | 实际 | 条款 | 整改 |", "|---|---:|---|---|---|"]
        lines += [f"| {f.rule.code} {_md(f.rule.title)} | {fmt(f.points)} | {_md(f.observed)} | {_md(f.rule.clause)} | {_md(f.rule.remedy)} |" for f in gaps]
        lines.append("")
    if r.unanswered:
        lines += [f"**未填写（{len(r.unanswered)} 项，不计为达标）**", ""]
        lines += [f"- {f.rule.code} {_md(f.rule.title)}（最多 {fmt(f.rule.max_points)} 分）" for f in r.unanswered]
        lines.append("")
    return "\n".join(lines) + "\n"


class Writer:
    def __init__(self, out: TextIO, run: Any):
        self.out = out
        self.run = run
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, o: Outcome) -> None:
        self.spool.write(section(o, order=self.run.order))

    def finish(self, run: Any) -> None:
        from ucm_check.ci.formats.summary import markdown_table

        self.out.write("# ucm-check 自评检查报告\n\n")
        self.out.write(f"评价日期：{run.as_of.isoformat()}" + (f"；提交策略：{_md(run.policy.name or run.policy.file)}" if run.policy else "")
                       + f"；退出码 {run.exit_code}\n\n")
        if len(run.rows) > 1:
            self.out.write(markdown_table(run.rows) + "\n")
        if run.plugin_errors:
            self.out.write("## 插件出错\n\n" + "".join(f"- {_md(e)}\n" for e in run.plugin_errors) + "\n")
        self.spool.seek(0)
        for block in iter(lambda: self.spool.read(1 << 16), ""):
            self.out.write(block)
        self.spool.close()
