"""Plan exports: text for the terminal, Markdown, CSV (UTF-8 with BOM for Excel/WPS), JSON and XLSX.

Each export shows the plan as of a date: that date decides what is overdue (逾期). Completion rate
(整改完成率) and the overdue count head every format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Callable

from ucm_check.numbers import fmt, json_number
from ucm_check.plan import views
from ucm_check.plan.model import Item, Plan, deadline_text
from ucm_check.files.textwidth import ljust, width

SCHEMA_VERSION = 1


def milestones_text(item: Item) -> str:
    """Milestones on one line: ``2026-12-10 第一轮督查（已完成）；...``."""
    return "；".join(f"{m.date.isoformat()} {m.text}{'（已完成）' if m.done else ''}" for m in item.milestones)


def history_text(item: Item) -> str:
    """Deadline moves on one line, each with its date and reason."""
    return "；".join(f"{c.date.isoformat()} 由 {deadline_text(c.old)} 调整为 {deadline_text(c.new)}（{c.reason}）" for c in item.history)


def late_text(item: Item, as_of: dt.date) -> str:
    """``逾期 N 天`` for an overdue item, else empty."""
    return f"逾期 {(as_of - item.deadline).days} 天" if item.overdue(as_of) else ""  # type: ignore[operator]


def state_text(item: Item, as_of: dt.date) -> str:
    """Status with what is derived from the as-of date: ``整改中，逾期 7 天``, ``已完成，可销号``."""
    parts = [item.status, late_text(item, as_of), "可销号" if item.ready_to_close else ""]
    return "，".join(p for p in parts if p)


def _join(values: tuple[str, ...]) -> str:
    return "、".join(values)


#: Problem-list columns: header -> (cell text, column kind); every export uses the same ones.
COLUMNS: dict[str, Callable[[Item, dt.date], str]] = {
    "编号": lambda i, d: i.id,
    "区域": lambda i, d: i.area or views.MANUAL_AREA,
    "问题": lambda i, d: i.problem,
    "条款": lambda i, d: i.clause,
    "可挽回分值": lambda i, d: fmt(i.points),
    "整改措施": lambda i, d: i.measures,
    "牵头单位": lambda i, d: i.lead_unit,
    "责任单位": lambda i, d: _join(i.responsible_units),
    "配合单位": lambda i, d: _join(i.cooperating_units),
    "责任人": lambda i, d: i.person,
    "完成时限": lambda i, d: deadline_text(i.deadline),
    "状态": lambda i, d: i.status,
    "逾期": late_text,
    "可销号": lambda i, d: "可销号" if i.ready_to_close else "",
    "阶段节点": lambda i, d: milestones_text(i),
    "佐证材料": lambda i, d: _join(i.evidence),
    "时限调整记录": lambda i, d: history_text(i),
    "备注": lambda i, d: i.note,
}


def summary(plan: Plan, as_of: dt.date) -> str:
    """``整改完成率 5.9%（1/17）  逾期 7 项  可销号 0 项``."""
    late = len(plan.overdue(as_of))
    ready = sum(1 for i in plan.items if i.ready_to_close)
    return (f"整改完成率 {fmt(plan.completion_rate)}%（{plan.completed}/{len(plan.items)}）  "
            f"逾期 {late} 项  可销号 {ready} 项")


def title(plan: Plan, as_of: dt.date) -> str:
    """The heading every export starts with: unit and as-of date."""
    return f"整改台账：{plan.unit or plan.profile}  截至 {as_of.isoformat()}"


def render_text(plan: Plan, as_of: dt.date) -> str:
    """Terminal report: summary, the timeline sorted by deadline, then the problem list in full."""
    lines = [title(plan, as_of), summary(plan, as_of), ""]
    if not plan.items:
        return "\n".join(lines + ["没有整改事项：本次自评没有扣分项。", ""])
    span = views.months(plan, as_of)
    idw = max(width(i.id) for i in plan.items) + 2
    stw = max(width(state_text(i, as_of)) for i in plan.items) + 2
    lead = idw + 12 + stw
    years, heads = views.year_line(span), "".join(f"{month:02d} " for _, month in span)
    lines.append("时间表（按完成时限排序；= 计划  | 到期月  ! 逾期  # 已完成  - 长期）")
    lines.append(" " * lead + years.rstrip())
    lines.append(ljust("编号", idw) + ljust("完成时限", 12) + ljust("状态", stw) + heads.rstrip())
    for item in plan.by_deadline():
        cells = " ".join(c * 2 for c in views.bar(item, span, as_of))
        lines.append(ljust(item.id, idw) + ljust(deadline_text(item.deadline), 12) + ljust(state_text(item, as_of), stw) + cells.rstrip())
    lines += ["", "问题清单（按区域）"]
    for area, items in views.by_area(plan):
        lines.append(area)
        for i in items:
            lines.append(f"  [{i.id}] {i.problem}")
            if i.clause:
                lines.append(f"      条款：{i.clause}  可挽回 {fmt(i.points)} 分")
            lines.append(f"      整改措施：{i.measures or '（未填写）'}")
            lines.append(f"      牵头单位：{i.lead_unit or '（未指定）'}  责任单位：{_join(i.responsible_units) or '（未指定）'}"
                         f"  配合单位：{_join(i.cooperating_units) or '无'}  责任人：{i.person or '（未指定）'}")
            lines.append(f"      完成时限：{deadline_text(i.deadline)}  状态：{state_text(i, as_of)}")
            for label, text in (("阶段节点", milestones_text(i)), ("佐证材料", _join(i.evidence)),
                                ("时限调整", history_text(i)), ("备注", i.note)):
                if text:
                    lines.append(f"      {label}：{text}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Plan text in a Markdown table cell: HTML, emphasis and pipes shown literally."""
    from ucm_check.files import markdown as mdtext

    return mdtext.text(text)


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return out


def render_markdown(plan: Plan, as_of: dt.date) -> str:
    """Three Markdown sections, one per view, ready to paste into a report."""
    lines = [f"# {_md(title(plan, as_of))}", "", summary(plan, as_of).replace("  ", "，"), ""]
    state = lambda i: state_text(i, as_of)  # noqa: E731
    lines += ["## 问题清单", ""]
    for area, items in views.by_area(plan):
        lines += [f"### {_md(area)}", ""]
        lines += _md_table(["编号", "问题", "条款", "可挽回分值", "整改措施", "牵头单位", "责任单位", "完成时限", "状态"],
                           [[i.id, i.problem, i.clause, fmt(i.points), i.measures, i.lead_unit, _join(i.responsible_units),
                             deadline_text(i.deadline), state(i)] for i in items])
        lines.append("")
    lines += ["## 责任清单", ""]
    for unit, pairs in views.by_unit(plan):
        lines += [f"### {_md(unit)}", ""]
        lines += _md_table(["编号", "角色", "问题", "整改措施", "责任人", "完成时限", "状态"],
                           [[i.id, role, i.problem, i.measures, i.person, deadline_text(i.deadline), state(i)] for i, role in pairs])
        lines.append("")
    lines += ["## 时间表", ""]
    for month, items in views.by_month(plan):
        lines += [f"### {month}", ""]
        lines += _md_table(["编号", "问题", "牵头单位", "完成时限", "阶段节点", "状态"],
                           [[i.id, i.problem, i.lead_unit, deadline_text(i.deadline), milestones_text(i), state(i)] for i in items])
        lines.append("")
    return "\n".join(lines)


def render_csv(plan: Plan, as_of: dt.date) -> str:
    """The problem list, one row per item in deadline order. Encode with ``utf-8-sig`` (BOM). Text a
    spreadsheet would run as a formula is neutralised (:mod:`ucm_check.files.cellsafe`)."""
    from ucm_check.files.cellsafe import csv_cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["序号", *COLUMNS])
    for n, item in enumerate(plan.by_deadline(), start=1):
        writer.writerow([n, *(csv_cell(cell(item, as_of)) for cell in COLUMNS.values())])
    return buf.getvalue()


def _date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def item_dict(item: Item, as_of: dt.date) -> dict[str, Any]:
    """One item for the JSON export, with the derived ``overdue``, ``ready_to_close`` and ``state``."""
    return {
        "id": item.id, "rule": item.rule, "area": item.area, "problem": item.problem, "clause": item.clause,
        "points": json_number(item.points), "measures": item.measures, "lead_unit": item.lead_unit, "lead_units": list(item.lead_units),
        "responsible_units": list(item.responsible_units), "cooperating_units": list(item.cooperating_units),
        "person": item.person, "deadline": _date(item.deadline), "status": item.status,
        "overdue": item.overdue(as_of), "ready_to_close": item.ready_to_close, "state": item.state(as_of),
        "milestones": [{"date": m.date.isoformat(), "text": m.text, "done": m.done} for m in item.milestones],
        "evidence": list(item.evidence),
        "history": [{"date": c.date.isoformat(), "old": _date(c.old), "new": _date(c.new), "reason": c.reason} for c in item.history],
        "created": _date(item.created), "gap_closed": _date(item.gap_closed), "note": item.note,
    }


def render_json(plan: Plan, as_of: dt.date) -> str:
    """One JSON document: the plan's metadata, a summary and every item with derived fields."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "profile": plan.profile, "unit": plan.unit, "standard": plan.standard, "as_of": as_of.isoformat(),
        "summary": {
            "items": len(plan.items), "completed": plan.completed,
            "completion_rate": json_number(plan.completion_rate), "overdue": len(plan.overdue(as_of)),
            "ready_to_close": sum(1 for i in plan.items if i.ready_to_close),
        },
        "items": [item_dict(i, as_of) for i in plan.by_deadline()],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
