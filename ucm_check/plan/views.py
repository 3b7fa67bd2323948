"""The three views a bureau hands upward, and a month-by-month timeline.

问题清单 groups items by checklist area, 责任清单 by unit (a unit sees every item it leads, is
responsible for or cooperates on), 时间表 by the month of the deadline. Every front end (text,
Markdown, CSV, XLSX, the TUI) draws from these functions, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from ucm_check.plan.model import ONGOING, Item, Plan

MANUAL_AREA = "其他（手工添加）"
NO_UNIT = "（未指定单位）"
VIEWS = {"area": "问题清单", "unit": "责任清单", "month": "时间表"}
"""View id -> Chinese name, in the order they are shown."""

Month = tuple[int, int]

#: Timeline cell kinds: nothing, planned, deadline month, overdue, finished, ongoing duty.
EMPTY, PLANNED, DUE, LATE, FINISHED, ONGOING_CELL = " ", "=", "|", "!", "#", "-"
MAX_MONTHS = 24


def _group(pairs: Iterable[tuple[str, Item]]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for key, item in pairs:
        groups.setdefault(key, []).append(item)
    return [(key, sorted(items, key=Item.sort_key)) for key, items in groups.items()]


def by_area(plan: Plan) -> list[tuple[str, list[Item]]]:
    """问题清单: areas in the order their first item entered the plan, hand-added items last."""
    groups = _group((i.area, i) for i in plan.items if i.area)
    manual = [i for i in plan.items if not i.area]
    return groups + ([(MANUAL_AREA, sorted(manual, key=Item.sort_key))] if manual else [])


def by_unit(plan: Plan) -> list[tuple[str, list[tuple[Item, str]]]]:
    """责任清单: each unit with ``(item, role)`` pairs (role 牵头/责任/配合), units in name order,
    items without any unit last under :data:`NO_UNIT`. A unit written two ways is one unit, and
    各牵头部门 / 各责任部门 / collective names are listed under each unit they stand for
    (:meth:`Plan.units_of`)."""
    groups: dict[str, list[tuple[Item, str]]] = {}
    everyone = plan.everyone()
    for item in plan.items:
        for unit, role in plan.units_of(item, everyone) or ((NO_UNIT, ""),):
            groups.setdefault(unit, []).append((item, role))
    names = sorted(n for n in groups if n != NO_UNIT) + ([NO_UNIT] if NO_UNIT in groups else [])
    return [(n, sorted(groups[n], key=lambda pair: pair[0].sort_key())) for n in names]


def month_label(deadline: object) -> str:
    """``2026年12月`` for a date, ``长期`` otherwise."""
    return f"{deadline.year}年{deadline.month}月" if isinstance(deadline, dt.date) else ONGOING


def by_month(plan: Plan) -> list[tuple[str, list[Item]]]:
    """时间表: deadline months in time order, 长期 last."""
    return _group((month_label(i.deadline), i) for i in plan.by_deadline())


def _month(day: dt.date) -> Month:
    return (day.year, day.month)


def _next(month: Month) -> Month:
    return (month[0] + month[1] // 12, month[1] % 12 + 1)


def months(plan: Plan, as_of: dt.date) -> list[Month]:
    """The months a timeline spans: from the earliest of as-of, creation and deadline dates to the
    latest deadline, at most :data:`MAX_MONTHS` (the latest ones kept)."""
    days = [as_of] + [i.created for i in plan.items if i.created] + [i.deadline for i in plan.items if isinstance(i.deadline, dt.date)]
    first, last = _month(min(days)), _month(max(days))
    span = [first]
    while span[-1] < last:
        span.append(_next(span[-1]))
    return span[-MAX_MONTHS:]


def bar(item: Item, span: list[Month], as_of: dt.date) -> str:
    """One character per month of ``span``: the item's bar on the timeline (kinds above)."""
    start = _month(item.created or as_of)
    now = _month(as_of)
    cells = []
    for m in span:
        if isinstance(item.deadline, dt.date):
            due = _month(item.deadline)
            if m < start and m < due:
                cells.append(EMPTY)
            elif item.finished:
                cells.append(FINISHED if m <= due else EMPTY)
            elif m < due:
                cells.append(PLANNED)
            elif m == due:
                cells.append(LATE if item.overdue(as_of) and now == due else DUE)
            else:
                cells.append(LATE if item.overdue(as_of) and m <= now else EMPTY)
        else:
            cells.append(EMPTY if m < start else (FINISHED if item.finished else ONGOING_CELL))
    return "".join(cells)


def year_line(span: list[tuple[int, int]]) -> str:
    """Years above the month columns (three cells a month): at the first month and each January.
    A label that would run into the next one is cut to its last two digits, so a timetable that
    starts in December still says which year that December is (``26 2027`` over ``12 01``)."""
    marks = [(3 * k, str(year)) for k, (year, month) in enumerate(span) if k == 0 or month == 1]
    line = ""
    for n, (at, label) in enumerate(marks):
        room = (marks[n + 1][0] if n + 1 < len(marks) else 10**6) - at - 1
        line = line.ljust(at) + (label if len(label) <= room else label[-2:])
    return line
