"""One month of one group: composites, ranks with the tie rule, flags, escalation and funding.

Tie rule (documented in the scheme and the README): units are ordered by the rounded composite,
then by the scheme's ``tie_break`` sources in turn (higher first); units still equal share a rank
and the next rank is skipped (1, 2, 2, 4), listed in roster order. Red flags go to units with fewer
than ``red`` units ranked above them, black flags to units with fewer than ``black`` below them, so a
tie for second place gives both a red flag and a tie for last gives both a black flag.

Units without a composite (a missing source under ``missing = "incomplete"``) are listed after the
ranked ones with no rank, no flag, no funding change, and their escalation streak carried unchanged.
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from fractions import Fraction
from typing import Mapping

import attrs

from ucm_check.assess.composite import Composite, round_half_up, weighted_composite
from ucm_check.assess.fund import place_amounts
from ucm_check.assess.roster import Unit
from ucm_check.assess.scheme import Funding, Group, Scheme


@attrs.frozen
class Carry:
    """What one month passes to the next for a unit."""

    rank: int | None = None
    streak: int = 0
    step: str = ""


@attrs.frozen
class Row:
    """One unit's line in a group's ranking."""

    unit: Unit
    composite: Composite
    rank: int | None = None
    above: int = 0
    """Ranked units strictly ahead of this one."""
    below: int = 0
    """Ranked units strictly behind this one."""
    previous: int | None = None
    """Last month's rank."""
    flag: str = ""
    """``red``, ``black`` or ``""``."""
    streak: int = 0
    """Consecutive months in the group's bottom N, this month included."""
    step: str = ""
    """The escalation ladder step reached (约谈 ...), or ``""``."""
    new_step: bool = False
    """True when this month moved the unit onto ``step``."""
    percent: Decimal | None = None
    """Funding adjustment in percent of the base (None when the unit has no base or the group no rule)."""
    amount: Decimal | None = None
    """Funding adjustment in yuan, rounded to the fen."""
    reward: Decimal | None = None
    """Paid from the assessment fund this month (yuan); None when the group has no fund rule."""
    deduction: Decimal | None = None
    """财政扣款 this month (yuan); None when the group has no fund rule."""

    @property
    def change(self) -> int | None:
        """Places gained since last month (positive = up), None without both ranks."""
        return None if self.rank is None or self.previous is None else self.previous - self.rank


def order_key(composite: Composite, tie_break: tuple[str, ...]) -> tuple:
    """Sort key: composite, then each tie-break source's score, all descending."""
    scores = {p.source: p.score for p in composite.parts}
    extra = tuple(-(scores.get(s) if scores.get(s) is not None else Decimal(-1)) for s in tie_break)
    return (-(composite.value or Decimal(0)), *extra)


def rank_group(scheme: Scheme, group: Group, units: tuple[Unit, ...],
               scores: Mapping[str, Mapping[str, Decimal | None]], carry: Mapping[str, Carry]) -> list[Row]:
    """The group's rows for one month, ranked ones first in rank order, then the unranked."""
    composites = {u.name: weighted_composite({s: scores.get(s, {}).get(u.name) for s, _ in group.weights},
                                             group.weights, missing=scheme.missing, decimals=scheme.decimals)
                  for u in units}
    tie_break = tuple(s for s in scheme.tie_break if s in dict(group.weights))
    ranked = sorted((u for u in units if composites[u.name].complete),
                    key=lambda u: (order_key(composites[u.name], tie_break), u.order))
    keys = [order_key(composites[u.name], tie_break) for u in ranked]
    rows: list[Row] = []
    start, count = 0, len(ranked)
    while start < count:
        end = start
        while end + 1 < count and keys[end + 1] == keys[start]:
            end += 1
        for unit in ranked[start:end + 1]:
            rows.append(_ranked_row(group, unit, composites[unit.name], start, count - 1 - end, carry.get(unit.name, Carry())))
        start = end + 1
    if group.funding:
        rows = _with_funding(group.funding, rows)
    if scheme.fund and group.fund:
        rows = [attrs.evolve(r, **dict(zip(("reward", "deduction"), place_amounts(scheme.fund, group.fund, r.above, r.below, count))))
                for r in rows]
    for unit in units:
        if not composites[unit.name].complete:
            before = carry.get(unit.name, Carry())
            rows.append(Row(unit, composites[unit.name], previous=before.rank, streak=before.streak, step=before.step))
    return rows


def _ranked_row(group: Group, unit: Unit, composite: Composite, above: int, below: int, before: Carry) -> Row:
    flag = "red" if above < group.red else "black" if below < group.black else ""
    streak, step = 0, ""
    if group.escalation and below < group.escalation.bottom:
        streak = before.streak + 1
        step = group.escalation.step(streak)
    return Row(unit, composite, above + 1, above, below, before.rank, flag, streak, step,
               bool(step) and step != before.step)


def _with_funding(funding: Funding, rows: list[Row]) -> list[Row]:
    """Funding by place among the ranked units that have a base amount (the 环卫所 of a group that
    also holds 执法中队: seed 004 moves the 环卫所' 定额经费 by their own ranking)."""
    places = sorted(r.above for r in rows if r.unit.base is not None)
    out = []
    percents: dict[tuple[int, int], Decimal] = {}  # the exact arithmetic once per place and base,
    amounts: dict[tuple[Decimal, Decimal], Decimal] = {}  # not once per unit
    for row in rows:
        base = row.unit.base
        if base is None:
            out.append(row)
            continue
        above = bisect.bisect_left(places, row.above)
        below = len(places) - bisect.bisect_right(places, row.above)
        percent = percents.get((above, below))
        if percent is None:
            percent = percents[above, below] = funding_percent(funding, above, below)
        amount = amounts.get((base, percent))
        if amount is None:
            amount = amounts[base, percent] = round_half_up(Fraction(base) * Fraction(percent) / 100, 2)
        out.append(attrs.evolve(row, percent=percent, amount=amount))
    return out


def funding_percent(funding: Funding, above: int, below: int) -> Decimal:
    """The funding change for a unit with ``above`` units ahead and ``below`` behind.

    ``linear``: +up for the first, -down for the last, straight between by the unit's place
    (above / (above + below)), rounded half up to 0.01%; a group of one moves nothing.
    ``tiers``: the first tier the unit falls in (top N: fewer than N ahead; bottom N: fewer than N behind), else 0.
    """
    if funding.rule == "tiers":
        for tier in funding.tiers:
            if (tier.side == "top" and above < tier.count) or (tier.side == "bottom" and below < tier.count):
                return tier.percent
        return Decimal(0)
    if above + below == 0:
        return Decimal("0.00")
    span = Fraction(funding.up) + Fraction(funding.down)
    return round_half_up(Fraction(funding.up) - span * Fraction(above, above + below), 2)


def carry_of(rows: list[Row]) -> dict[str, Carry]:
    """What these rows pass on to next month."""
    return {r.unit.name: Carry(r.rank, r.streak, r.step) for r in rows}
