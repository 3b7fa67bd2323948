"""The one range of dates ucm-check accepts, and the bounds on counts in schedule phrases.

Every date a user gives — ``--as-of``, a record's filing date or ``since``, a period key, a date
fact, a plan's dates, a one-off deadline — must fall in 1949-01-01 … 2100-12-31. Outside it there
is no official calendar to count on, and a year near 9999 would overflow when a deadline is
worked out (an English ``OverflowError`` blamed on a pack). Each reader checks where it reads and
says so in Chinese; the commands exit 2.

Schedule phrases count at most :data:`MAX_WORKDAYS` working days ("结束后5个工作日内") and
:data:`MAX_MONTHS` months ("完成后3个月内"): larger numbers are typing mistakes, and 100,000
working days would take minutes to count.
"""

from __future__ import annotations

import datetime as dt

FIRST = dt.date(1949, 1, 1)
LAST = dt.date(2100, 12, 31)
MAX_WORKDAYS = 250
"""About one year of working days."""
MAX_MONTHS = 120
"""Ten years."""
RANGE_TEXT = f"{FIRST.isoformat()} 至 {LAST.isoformat()}"


def in_range(day: dt.date) -> bool:
    """True when ``day`` is within :data:`FIRST` … :data:`LAST` (both included)."""
    return FIRST <= day <= LAST


def problem(day: dt.date, what: str = "日期") -> str:
    """"" for a date in range, else the Chinese message naming it and the range."""
    return "" if in_range(day) else f"{what} {day.isoformat()} 超出可用范围（{RANGE_TEXT}）"


def year_problem(year: int, what: str = "年份") -> str:
    """"" for a year in range, else the Chinese message."""
    return "" if FIRST.year <= year <= LAST.year else f"{what} {year} 超出可用范围（{FIRST.year} 至 {LAST.year} 年）"
