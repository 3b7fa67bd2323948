"""The countdown (or the lateness) of a standard's self-evaluation deadline, for one unit.

Hunan 2020 (湘建执函〔2020〕94号 四): the 设区市 bureaus and 湘西州 hand in their 总结自评情况（含
佐证材料） to the province by 2020-11-15. A profile may record when it was handed in with
``[unit] submitted = 2020-11-10``. The countdown is information, shown in the text and JSON reports,
the TUI overview and the plan; it is not a rule and changes no score or gate.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from attrs import frozen

from ucm_check.model import DUE_SOON, NOT_APPLICABLE, OVERDUE, PENDING, ProfileResult, Standard

SUBMITTED = "submitted"
SUBMITTED_LATE = "submitted_late"
SOON_DAYS = 30
"""Within this many days of the deadline the countdown is "due soon"."""


@frozen
class Countdown:
    """Where a unit stands against the deadline as of a day."""

    status: str
    """``pending``, ``due_soon``, ``overdue``, ``submitted``, ``submitted_late`` or ``not_applicable``."""
    due: dt.date
    days: int
    """Days left (countdown) or days late (overdue, submitted late); 0 otherwise."""
    text: str
    """One Chinese line for reports."""
    submitted: dt.date | None = None
    what: str = ""
    """What is handed in, to whom: 总结自评情况（含佐证材料）."""
    to: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (docs/json.md ``submission``)."""
        return {"status": self.status, "what": self.what, "to": self.to, "due": self.due.isoformat(), "days": self.days,
                "submitted": self.submitted.isoformat() if self.submitted else None, "text": self.text}


def submitted_on(unit: Mapping[str, Any]) -> dt.date | None:
    """``[unit] submitted`` as a date (the profile reader has already checked it), or None."""
    value = unit.get("submitted")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def countdown(standard: Standard, unit: Mapping[str, Any], as_of: dt.date) -> Countdown | None:
    """The unit's countdown, or None when the standard sets no deadline."""
    s = standard.submission
    if s is None:
        return None
    head = f"自评报送期限 {s.due.isoformat()}（{s.clause}）"
    if unit.get("level") not in s.levels:
        return Countdown(NOT_APPLICABLE, s.due, 0, f"{head}：{s.others or '本单位层级不直接报送'}", None, s.what, s.to)
    done = submitted_on(unit)
    if done is not None:
        late = (done - s.due).days
        if late > 0:
            return Countdown(SUBMITTED_LATE, s.due, late, f"{head}：已于 {done.isoformat()} 报送，晚 {late} 天", done, s.what, s.to)
        return Countdown(SUBMITTED, s.due, 0, f"{head}：已于 {done.isoformat()} 按时报送", done, s.what, s.to)
    left = (s.due - as_of).days
    if left < 0:
        return Countdown(OVERDUE, s.due, -left, f"{head}：已过期 {-left} 天（档案未记录报送日期 unit.submitted）", None, s.what, s.to)
    status = DUE_SOON if left <= SOON_DAYS else PENDING
    return Countdown(status, s.due, left, f"{head}：还有 {left} 天", None, s.what, s.to)


def of_result(result: ProfileResult) -> Countdown | None:
    """The countdown of a checked profile, as of the day it was checked (JSON carries every one,
    ``not_applicable`` included)."""
    return countdown(result.standard, result.unit, result.as_of or dt.date.today())


def shown(result: ProfileResult) -> Countdown | None:
    """:func:`of_result` when the unit hands the self-evaluation in itself: the text report, the TUI
    overview and the plan show only these."""
    found = of_result(result)
    return found if found is not None and found.status != NOT_APPLICABLE else None
