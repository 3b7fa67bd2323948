"""Valid answers of every fact kind, and a way to pick one that differs from what a file holds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ucm_check.model import Fact, Standard


def answers(fact: Fact) -> list[Any]:
    """Two or more valid answers for ``fact``, as the TUI hands them to the editor (normalised)."""
    kind = fact.kind
    if kind == "bool":
        return [True, False]
    if kind == "count":
        return [3, 0, 12]
    if kind == "percent":
        return [Decimal("85.5"), Decimal("100"), Decimal("0.85")]
    if kind == "date":
        return [dt.date(2023, 3, 1), dt.date(2024, 2, 29)]
    if kind == "choice":
        return list(fact.options)
    if kind == "reports":  # which period each report covers: one, two, none filed
        from ucm_check.dated.periods import parse_log

        period = fact.options[0] if fact.options else "year"
        first, second = {"year": ("2024", "2025"), "quarter": ("2025-Q3", "2025-Q4"), "month": ("2025-10", "2025-11")}[period]
        return [parse_log(period, {first: dt.date(2026, 1, 5)})[0],
                parse_log(period, {first: dt.date(2026, 1, 5), second: dt.date(2026, 1, 20)})[0], parse_log(period, {})[0]]
    options = fact.options
    return [tuple(options[:1]), tuple(options), (), tuple(options[1:])]


def other_than(fact: Fact, value: Any, step: int = 0) -> Any:
    """A valid answer for ``fact`` that differs from ``value`` (arrays compare as sets)."""
    same = (lambda a: set(a) == set(value)) if isinstance(value, tuple) else (lambda a: a == value and type(a) is type(value))
    choices = [a for a in answers(fact) if value is None or not same(a)]
    return choices[step % len(choices)]


def facts_of(standard: Standard) -> list[tuple[str, Fact]]:
    """Every ``(area id, fact)`` of the standard, in its order."""
    return [(area.id, fact) for area in standard.areas for fact in area.facts]
