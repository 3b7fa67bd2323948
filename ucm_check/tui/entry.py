"""What a clerk types into a count, percent or date question, read the way they mean it.

No Textual here. Dates are accepted as 2023-03-01, 2023/3/1, 2023.3.1 and 2023年3月1日; a day that
does not exist is named ("2月没有30日"), not answered with "请按格式输入". A percent of 1 or less
is ambiguous (0.85 may be 0.85% or a rate of 85% written as a fraction) and is asked about.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ucm_check.dated.periods import parse_day as parse_date, record_dates  # noqa: F401  (the one date reader)
from ucm_check.facts.kinds import CLEARED, kind
from ucm_check.model import Fact
from ucm_check.numbers import fmt

#: A problem key meaning "valid, but ask whether it is a fraction" (0 < percent <= 1).
AMBIGUOUS = "percent_ambiguous"


def parse_entry(fact: Fact, text: str) -> tuple[Any, str]:
    """What the user typed: ``(value or CLEARED, "")``, ``(value, AMBIGUOUS)`` for a percent of 1
    or less, or ``(None, problem)`` where problem is a ``bad_*`` string key or a Chinese message.
    Each kind reads its own text (:meth:`ucm_check.facts.FactKind.parse_typed`); only the question
    about a fraction is the screen's."""
    value, problem = kind(fact.kind).parse_typed(fact, text)
    if problem or value is CLEARED:
        return value, problem
    if fact.kind == "percent" and 0 < value <= 1:
        return value, AMBIGUOUS
    return value, ""


def entry_text(fact: Fact, value: Any) -> str:
    """A value as the question's input shows it."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt(value)
    if hasattr(value, "entry"):  # a record of reports: period=date；...
        return value.entry()
    return value.isoformat() if isinstance(value, dt.date) else str(value)
