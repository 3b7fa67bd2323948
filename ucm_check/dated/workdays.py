"""China's official working days: 法定节假日 are off, and the weekend days moved to be working
days (调休) are on. The calendar comes from the ``chinesecalendar`` package, which carries the State
Council's yearly notices and knows each year only once the notice is out (late each year).

For a year it does not know (``NotImplementedError``), Monday to Friday count as working days and
the caller is told so: the deadline is then an estimate, shown as such in the finding, and moves
when the package is upgraded with that year's notice.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

ESTIMATE_NOTE = ("chinesecalendar 尚无 {years} 年的节假日安排，按周一至周五推算工作日"
                 "（未计法定节假日和调休），国务院公布当年安排后升级 chinesecalendar 即可得到准确期限")
"""The words a finding uses when a working-day deadline had to be estimated."""


@lru_cache(maxsize=4096)
def is_workday(day: dt.date) -> tuple[bool, bool]:
    """``(working day?, known?)``: known is False when the package has no data for that year and
    the answer is the Monday-to-Friday estimate."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_workdays(day: dt.date, count: int) -> tuple[dt.date, tuple[int, ...]]:
    """The ``count``-th working day after ``day`` (``day`` itself not counted: "结束后5个工作日内"
    from a quarter's last day), and the years whose calendar had to be estimated (empty when exact)."""
    from ucm_check.dated.bounds import MAX_WORKDAYS

    if not 1 <= count <= MAX_WORKDAYS:
        raise ValueError(f"count must be 1 to {MAX_WORKDAYS}")
    unknown: set[int] = set()
    current = day
    while count:
        current += dt.timedelta(days=1)
        working, known = is_workday(current)
        if not known:
            unknown.add(current.year)
        if working:
            count -= 1
    return current, tuple(sorted(unknown))


def estimate_note(years: tuple[int, ...]) -> str:
    """The finding's note for an estimated deadline ("" when nothing was estimated)."""
    return ESTIMATE_NOTE.format(years="、".join(map(str, years))) if years else ""
