"""What a clerk types into a count, percent or date question, read the way they mean it.

No Textual here. Dates are accepted as 2023-03-01, 2023/3/1, 2023.3.1 and 2023年3月1日; a day that
does not exist is named ("2月没有30日"), not answered with "请按格式输入". A percent of 1 or less
is ambiguous (0.85 may be 0.85% or a rate of 85% written as a fraction) and is asked about.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ucm_check.profile.editing import CLEARED
from ucm_check.model import Fact
from ucm_check.numbers import fmt
from ucm_check.profile.reading import check_fact

_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")
#: A problem key meaning "valid, but ask whether it is a fraction" (0 < percent <= 1).
AMBIGUOUS = "percent_ambiguous"


def parse_date(text: str) -> tuple[dt.date | None, str]:
    """``(date, "")``, or ``(None, problem)``: ``"bad_date"`` for an unknown form, else the Chinese reason."""
    match = _DATE.match(text)
    if not match:
        return None, "bad_date"
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return None, f"没有{month}月：月份应为 1 到 12"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        leap = "（{0}年不是闰年）".format(year) if month == 2 and day == 29 else ""
        return None, f"{month}月没有{day}日：{year}年{month}月只有{last}天{leap}"
    return dt.date(year, month, day), ""


_PARTS = re.compile(r"\s*[;；,，]\s*")
_PAIR = re.compile(r"\s*[=＝:：]\s*")


def record_dates(text: str) -> tuple[str, str]:
    """A record typed on one line (``2027=2027/1/5；2026=2026年12月3日``) with every date read by
    :func:`parse_date`, the questions' one date reader, and written back as 2027-01-05; or
    ``("", the Chinese reason)`` for a date that does not exist."""
    parts = []
    for part in filter(None, _PARTS.split(text.strip())):
        pair = _PAIR.split(part, maxsplit=1)
        if len(pair) < 2:  # 无, or a bare date (the old form): read as it always was
            parts.append(part)
            continue
        key, day = pair
        date, problem = parse_date(day)
        if date is None and problem != "bad_date":
            return "", f"「{part}」：{problem}"
        parts.append(f"{key}={date.isoformat() if date else day}")
    return "；".join(parts), ""


def parse_entry(fact: Fact, text: str) -> tuple[Any, str]:
    """What the user typed: ``(value or CLEARED, "")``, ``(value, AMBIGUOUS)`` for a percent of 1
    or less, or ``(None, problem)`` where problem is a ``bad_*`` string key or a Chinese message."""
    text = text.strip().rstrip("%％").strip() if fact.kind == "percent" else text.strip()
    if not text:
        return CLEARED, ""
    if fact.kind == "reports":
        from ucm_check.dated.periods import parse_entry as parse_record

        text, problem = record_dates(text)
        if problem:
            return None, problem
        record, problem = parse_record(fact.options[0] if fact.options else "year", text)
        return (None, problem) if problem else (record, "")
    value: Any
    if fact.kind == "date":
        value, problem = parse_date(text)
        if problem:
            return None, problem
    else:
        try:
            if fact.kind == "count":
                value = int(text)
            else:
                value = Decimal(text)
                if not value.is_finite():
                    raise InvalidOperation
        except (ValueError, InvalidOperation):
            return None, f"bad_{fact.kind}"
    normal, problem = check_fact(fact, value)
    if problem:
        return None, problem
    if fact.kind == "percent" and 0 < normal <= 1:
        return normal, AMBIGUOUS
    return normal, ""


def entry_text(fact: Fact, value: Any) -> str:
    """A value as the question's input shows it."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt(value)
    if hasattr(value, "entry"):  # a record of reports: period=date；...
        return value.entry()
    return value.isoformat() if isinstance(value, dt.date) else str(value)
