"""What a result's headline may honestly say: answered counts, the range a total can still take, and
the statuses of dated duties. Shared by ``check``'s text report and the TUI; no I/O, no Textual.

A total computed while facts are unanswered is provisional: unanswered deduction rules can still
lower it (down to :attr:`~ucm_check.model.ProfileResult.lowest_total`), unanswered bonus rules can
still raise it (by :attr:`~ucm_check.model.ProfileResult.max_further_bonus`). The headline therefore
shows the range next to the total, never the total alone.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import attrs

from ucm_check.model import (
    COMPLIANT, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_MET, OVERDUE, PENDING, UNANSWERED, Finding, ProfileResult,
)

#: Statuses of dated duties, worst first.
DUTY_STATUSES = (OVERDUE, NOT_MET, DUE_SOON, MET_LATE, PENDING, COMPLIANT)


@attrs.frozen
class Completeness:
    """How far a self-check is answered, and where its total can still go."""

    answered: int
    """Applicable rules with every fact answered."""
    applicable: int
    """Rules that apply to the unit (not-applicable rules count in neither number)."""
    total: Decimal
    """The total on the answered facts."""
    lowest: Decimal
    """The total if every unanswered deduction rule turned out at its worst."""
    highest: Decimal
    """The total if every unanswered bonus rule were awarded in full (capped by the bonus maximum)."""

    @property
    def complete(self) -> bool:
        """True when every applicable rule is answered (the total is then final)."""
        return self.answered == self.applicable

    @property
    def unanswered(self) -> int:
        """Applicable rules still unanswered."""
        return self.applicable - self.answered


def completeness(result: ProfileResult) -> Completeness:
    """Answered/applicable counts and the range of totals still possible for ``result``."""
    findings = [f for f in result.findings if f.status != NOT_APPLICABLE]
    answered = sum(1 for f in findings if f.status != UNANSWERED)
    return Completeness(answered, len(findings), result.total, result.lowest_total,
                        result.total + result.max_further_bonus)


def duty_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings have each dated-duty status (:data:`DUTY_STATUSES`), plus unanswered and N/A."""
    counts = {s: 0 for s in (*DUTY_STATUSES, UNANSWERED, NOT_APPLICABLE)}
    for f in findings:
        if f.status in counts:
            counts[f.status] += 1
    return counts
