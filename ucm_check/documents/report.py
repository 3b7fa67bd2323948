"""The 自评报告: a scored profile, its rectification plan and its evidence as one 公文.

Every number and list comes from the objects ``check`` and ``plan`` print: the
:class:`~ucm_check.model.ProfileResult` (scores, findings, completeness) and the reconciled
:class:`~ucm_check.plan.Plan` (items, units, deadlines, milestones). The only words the bureau
writes itself come from the profile's ``[report]`` table; missing ones are marked placeholders.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Mapping, Sequence

import attrs

from ucm_check.documents.common import (
    clause_cn, clause_short, date_cn, deadline_cell, headline, owners, roadmap, unit_name,
)
from ucm_check.profile.report_table import paragraphs
from ucm_check.documents.layout import Official
from ucm_check.model import NOT_APPLICABLE, UNANSWERED, ProfileResult
from ucm_check.numbers import fmt
from ucm_check.plan.model import Plan
from ucm_check.plan.reconcile import problem_text

SCORE_HEADERS = ("评价内容", "满分", "扣分", "得分", "未填写")
PLAN_HEADERS = ("序号", "问题", "整改措施", "责任单位", "完成时限")
ROADMAP_HEADERS = ("时间", "问题序号", "内容", "状态")
EVIDENCE_HEADERS = ("序号", "评价项", "文件", "SHA-256")


@attrs.frozen
class EvidenceRow:
    """One line of the 佐证材料目录."""

    rule: str
    path: str
    sha256: str
    """The file's SHA-256 as found on disk, else the one recorded in the profile, else empty."""
    note: str = ""
    """What is wrong with the file (missing, changed since recorded, not recorded yet)."""


def evidence_rows(checked: Sequence[Any]) -> list[EvidenceRow]:
    """Catalogue rows from :func:`ucm_check.ci.evidence.check_profile` results."""
    rows = []
    for c in checked:
        note = "文件缺失或不可用" if c.problem and not c.sha256 else ("与档案记录的哈希不符" if c.problem else "")
        if not note and not c.entry.sha256:
            note = "哈希尚未记录"
        rows.append(EvidenceRow(c.entry.rule, c.entry.path, c.sha256 or c.entry.sha256, note))
    return rows


TITLE_CHARS = 20
"""2号 characters in a line of the 156 mm text block."""


def default_title(unit: Mapping[str, Any]) -> str:
    """``某县城市管理和综合执法局\\n关于2020年度自评情况的报告`` (the period left out when not given);
    a long unit name breaks after an organ's name, never inside a word (§7.3.1)."""
    from ucm_check.documents.names import lines

    return "\n".join([*lines(unit_name(unit), TITLE_CHARS), f"关于{period_cn(unit)}自评情况的报告"])


def period_cn(unit: Mapping[str, Any]) -> str:
    """``2020年度`` for a year, else the period as written."""
    period = str(unit.get("period", "")).strip()
    return f"{period}年度" if period.isdigit() else period


def score_rows(result: ProfileResult) -> list[list[str]]:
    """The score table's body: the deduction areas, their 合计, the bonus areas, then 总分."""
    def row(a) -> list[str]:
        name = a.area.title if a.area.bonus else f"{a.area.number}、{a.area.title}"
        if a.error:
            return [name, fmt(a.area.max), "—", "未能评价", "—"]
        return [name, fmt(a.area.max), "—" if a.area.bonus else fmt(a.points),
                f"+{fmt(a.score)}" if a.area.bonus else fmt(a.score), str(a.count(UNANSWERED))]

    deduction = [a for a in result.areas if not a.area.bonus]
    rows = [row(a) for a in deduction]
    rows.append(["扣分项合计", fmt(result.standard.base), fmt(result.deducted), fmt(result.standard.base - result.deducted),
                 str(sum(a.count(UNANSWERED) for a in deduction))])
    rows.extend(row(a) for a in result.areas if a.area.bonus)
    total = fmt(result.total)
    if result.unanswered:
        from ucm_check.engine.headline import completeness as reach

        c = reach(result)
        total = f"暂计{total}\n可能{fmt(c.lowest)}～{fmt(c.highest)}"
    rows.append(["总分（含加分）", "", "", total, str(len(result.unanswered))])
    return rows


def completeness(result: ProfileResult) -> list[str]:
    """What the total rests on, said plainly: answered items, what is missing, the lowest total."""
    applicable = sum(1 for f in result.findings if f.status != NOT_APPLICABLE)
    not_applicable = len(result.findings) - applicable
    answered = applicable - len(result.unanswered)
    others = f"（另有{not_applicable}项不适用）" if not_applicable else ""
    head = f"本次自评共{applicable}项评价内容适用于本单位{others}，已填写{answered}项。"
    if result.standard.scored:
        text = [head + f"按已填写情况计：扣分{fmt(result.deducted)}分，加分{fmt(result.bonus)}分"
                f"（加分最多计{fmt(result.standard.bonus_max)}分），{headline(result)}。"]
    else:
        from ucm_check.ci.formats.text import OBLIGATION_STATUSES

        counts = Counter(f.status for f in result.findings)
        said = "，".join(f"{name}{counts[s]}项" for s, name in OBLIGATION_STATUSES.items()
                        if counts[s] and s not in (UNANSWERED, NOT_APPLICABLE))
        text = [head + f"该标准按期限和落实情况评价，不计分：{said or '无已填写的评价内容'}。"]
    if result.unanswered:
        codes = "、".join(clause_short(f.rule) for f in result.unanswered)
        worst = (f"这些项目最多还可能扣{fmt(result.max_further_deduction)}分，最低可能总分为{fmt(result.lowest_total)}分。"
                 if result.standard.scored else "补充填写后才能判断是否按期落实。")
        text.append(f"评价尚不完整：{len(result.unanswered)}项未填写（{codes}），不能视为达标；{worst}")
    for a in result.errors:
        text.append(f"“{a.area.title}”未能评价（插件出错：{a.error}），其分值未计入上述结果。")
    return text


def problem_lines(result: ProfileResult) -> list[str]:
    """存在的问题: each gap with its clause and the points it cost (or its state, for dated duties)."""
    from ucm_check.ci.formats.text import OBLIGATION_STATUSES

    lines = []
    for n, f in enumerate(result.gaps("area"), 1):
        cost = f"扣{fmt(f.points)}分" if result.standard.scored else OBLIGATION_STATUSES.get(f.status, f.status)
        if f.due:
            cost += f"，期限{date_cn(f.due)}"
        lines.append(f"{n}.{problem_text(f)}（{clause_cn(f.rule.clause)}；{cost}）")
    return lines


def build(result: ProfileResult, plan: Plan, *, as_of: dt.date, date: dt.date,
          texts: Mapping[str, Any], evidence: Sequence[EvidenceRow], plan_saved: bool) -> Official:
    """The whole report. ``texts`` is the profile's ``[report]`` table; ``plan_saved`` says whether
    the plan came from a saved ``*.plan.toml`` (else units are still to be assigned)."""
    unit, standard = result.unit, result.standard
    name = unit_name(unit)
    title = str(texts.get("title") or default_title(unit))
    doc = Official(title=title.replace("\n", ""), author="" if "待填写" in name else name, created=date)
    short = str(texts.get("short_name") or name)
    doc.issuer_mark(short)
    doc.number_line(texts.get("doc_number"), texts.get("signer"))
    doc.title(title)
    doc.blank()
    if texts.get("recipient"):
        doc.paragraph(f"{texts['recipient']}：", indent=False)
    else:
        doc.placeholder("主送机关", indent=False)
    doc.paragraph(f"根据《{standard.title}》（{standard.document}）的要求，我单位对照评价内容和评分标准开展了自评，"
                  "现将有关情况报告如下。")
    doc.heading1("一、基本情况")
    for label, value in (("单位名称", name), ("单位层级", unit.get("level")), ("所在地区", unit.get("region")),
                         ("评价期间", period_cn(unit)), ("评价标准", f"《{standard.title}》（{standard.document}）"),
                         ("评价截至", date_cn(as_of))):
        doc.paragraph(f"{label}：{value or '未填写'}。")
    doc.heading1("二、主要做法和成效")
    practices = paragraphs(str(texts.get("practices", "")))
    for text in practices:
        doc.paragraph(text)
    if not practices:
        doc.placeholder("主要做法和成效（由本单位撰写；可写入档案[report]表的practices字段）")
    doc.heading1("三、自评得分情况" if standard.scored else "三、自评结果")
    _scores(doc, result)
    doc.heading1("四、存在的问题")
    lines = problem_lines(result)
    for line in lines:
        doc.paragraph(line)
    if not lines:
        doc.paragraph(_no_gaps(result))
    doc.heading1("五、整改措施")
    _plan(doc, plan, as_of, plan_saved, pending=len(result.unanswered), order=[f.rule.code for f in result.gaps("area")])
    doc.heading1("六、佐证材料目录")
    _evidence(doc, evidence, standard)
    doc.signature(short, date_cn(date), closing="特此报告。")
    if texts.get("contact"):
        doc.paragraph(f"（联系人：{texts['contact']}）")
    doc.colophon(texts.get("cc"), str(texts.get("printed_by") or name), date_cn(texts.get("printed_on") or date))
    return doc


def _scores(doc: Official, result: ProfileResult) -> None:
    if result.standard.scored:
        doc.table(SCORE_HEADERS, score_rows(result), (64, 16, 18, 38, 20), align="lcccc")
    else:
        from ucm_check.documents.obligations import status_rows, STATUS_HEADERS

        doc.table(STATUS_HEADERS, status_rows(result), (56, *(100 / (len(STATUS_HEADERS) - 1),) * (len(STATUS_HEADERS) - 1)),
                  align="l" + "c" * (len(STATUS_HEADERS) - 1))
    for text in completeness(result):
        doc.paragraph(text)


def _no_gaps(result: ProfileResult) -> str:
    """四、存在的问题 when no answered rule shows a gap: a finding only once every rule is answered."""
    if result.unanswered:
        seen = "；已填写的评价内容暂未见问题，不能据此认定达标" if len(result.unanswered) < len(result.findings) else ""
        return f"尚有{len(result.unanswered)}项评价内容未填写，存在的问题须待全部填写后确定{seen}。"
    return "经自评，未发现扣分项。" if result.standard.scored else "经自评，各项评价内容均已按期落实。"


def _plan(doc: Official, plan: Plan, as_of: dt.date, saved: bool, *, pending: int = 0,
          order: Sequence[str] = ()) -> None:
    """五、整改措施: the 问题清单 numbered as 四 numbers the problems (items of the plan that are
    no problem of 四 follow by deadline), and the 路线图 naming items by those numbers."""
    rank = {code: n for n, code in enumerate(order)}
    items = sorted(plan.by_deadline(), key=lambda i: rank.get(i.id, len(rank)))
    number = {item.id: str(n) for n, item in enumerate(items, 1)}
    if not items:
        doc.paragraph(f"尚有{pending}项评价内容未填写，整改措施待存在的问题确定后制定。" if pending
                      else "经自评未发现问题，暂无整改事项。")
        return
    late = plan.overdue(as_of)
    summary = (f"针对上述问题，建立问题清单、责任清单和时间表，共{len(items)}项，已完成{plan.completed}项，"
               f"整改完成率{fmt(plan.completion_rate)}%；截至{date_cn(as_of)}，逾期未完成{len(late)}项"
               + (f"（问题清单第{'、'.join(number[i.id] for i in late if i.id in number)}项）。" if late else "。"))
    doc.paragraph(summary)
    if not saved:
        doc.placeholder("责任单位：整改台账尚未建立，完成时限按各项默认整改期限推算"
                        "（用ucm-check的plan命令建立整改台账并指定责任单位）")
    doc.heading2("（一）问题清单")
    rows = [[str(n), item.problem, item.measures, owners(item), deadline_cell(item, as_of)]
            for n, item in enumerate(items, 1)]
    doc.table(PLAN_HEADERS, rows, (14, 42, 46, 26, 28), align="clllc")
    doc.heading2("（二）路线图")
    steps = [(when, number.get(i, i), what, state) for when, i, what, state in roadmap(items, as_of)]
    doc.table(ROADMAP_HEADERS, steps, (28, 18, 86, 24), align="ccll")


def _evidence(doc: Official, rows: Sequence[EvidenceRow], standard: Any) -> None:
    if not rows:
        doc.placeholder("佐证材料目录（在档案的[evidence]表中登记佐证材料后自动列出）")
        return
    body = []
    for n, row in enumerate(rows, 1):
        sha = f"{row.sha256[:32]}\n{row.sha256[32:]}" if row.sha256 else "—"
        rule = standard.rule(row.rule)
        body.append([str(n), clause_short(rule) if rule else row.rule, row.path + (f"\n（{row.note}）" if row.note else ""), sha])
    doc.table(EVIDENCE_HEADERS, body, (14, 22, 60, 60), align="ccll", mono=3)
