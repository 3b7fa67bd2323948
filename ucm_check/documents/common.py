"""Small helpers both documents share: Chinese dates, unit names of a plan item, states, roadmap rows."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ucm_check.plan.model import Item, deadline_text

NO_UNIT = "（未指定）"
UNIT_PLACEHOLDER = "【待填写：单位名称】"
"""What a document prints for a unit name that is missing or still the ``init`` template's
"（请填写单位名称）": highlighted by :mod:`~ucm_check.documents.layout` wherever it stands."""


def unit_name(unit: Any) -> str:
    """The unit's name as documents print it: the profile's ``[unit] name``, or
    :data:`UNIT_PLACEHOLDER` when it is empty or a placeholder such as ``（请填写单位名称）``."""
    name = str((unit or {}).get("name", "") or "").strip()
    bare = name.strip("（）()【】[] ")
    return UNIT_PLACEHOLDER if not bare or bare.startswith(("请填写", "待填写")) else name


def clause_cn(clause: Any) -> str:
    """``湘建执函〔2020〕94号附件一（一）2（3）``: the clause without the ASCII spaces that would
    stretch a justified line."""
    return f"{clause.document}{clause.path}".replace(" ", "")


def clause_short(rule: Any) -> str:
    """``一（一）2（3）``: where a rule stands in its standard, as a reader of the standard knows it."""
    path = str(rule.clause.path).replace(" ", "")
    return path.removeprefix("附件") or rule.code


def headline(result: Any) -> str:
    """The total as ``check`` states it: ``总分86.2分`` when every rule is answered, else
    ``暂计97分，已答10/46，可能32～117分`` (never a bare total while facts are missing). A standard
    without points says only how much is answered."""
    from ucm_check.engine.headline import completeness
    from ucm_check.numbers import fmt

    c = completeness(result)
    if not result.standard.scored:
        return f"已答{c.answered}/{c.applicable}项"
    if c.complete:
        return f"总分{fmt(c.total)}分"
    return f"暂计{fmt(c.total)}分，已答{c.answered}/{c.applicable}，可能{fmt(c.lowest)}～{fmt(c.highest)}分"


def date_cn(day: dt.date) -> str:
    """``2026年11月24日``: the year in full, month and day without leading zeros (GB/T 9704 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


def names(value: Any) -> tuple[str, ...]:
    """Unit names from a plan field written either as one string or as a list of strings."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def lead_units(item: Item) -> tuple[str, ...]:
    """The item's 牵头单位, whether the plan stores one name or a list of them."""
    return names(getattr(item, "lead_units", None) or getattr(item, "lead_unit", ""))


def owners(item: Item) -> str:
    """``督查科（牵头）；一中队、二中队`` — lead and responsible units, or :data:`NO_UNIT`."""
    lead = lead_units(item)
    responsible = [u for u in names(item.responsible_units) if u not in lead]
    parts = []
    if lead:
        parts.append(f"{'、'.join(lead)}（牵头）")
    if responsible:
        parts.append("、".join(responsible))
    return "；".join(parts) or NO_UNIT


def deadline_cell(item: Item, as_of: dt.date) -> str:
    """The deadline, and below it the state when it is not simply 未开始 (逾期 shows in every output)."""
    state = item.state(as_of)
    return deadline_text(item.deadline) + ("" if state == "未开始" else f"\n{state}")


def roadmap(items: Iterable[Item], as_of: dt.date) -> list[tuple[str, str, str, str]]:
    """路线图 rows ``(date, item id, what, state)``: every milestone and every deadline, in time
    order, 长期 duties last."""
    rows: list[tuple[Any, str, str, str]] = []
    for item in items:
        for m in item.milestones:
            rows.append((m.date, item.id, f"阶段节点：{m.text}", "已完成" if m.done else ("逾期" if m.date < as_of and not item.finished else "未完成")))
        rows.append((item.deadline, item.id, f"完成整改：{item.problem}", item.state(as_of)))
    dated = sorted((r for r in rows if isinstance(r[0], dt.date)), key=lambda r: (r[0], r[1], r[2]))
    ongoing = [r for r in rows if not isinstance(r[0], dt.date)]
    return [(deadline_text(d), i, what, state) for d, i, what, state in [*dated, *ongoing]]
