"""The monthly cycle on a scheme folder: import a source, rank a month (through every earlier month,
so streaks and rank changes come from the kept history), aggregate a quarter or a year.
"""

from __future__ import annotations

import os
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable, Iterator

import attrs

from ucm_check.assess.composite import round_half_up
from ucm_check.assess.folder import Folder
from ucm_check.assess.periods import Period
from ucm_check.assess.ranking import Carry, Row, carry_of, rank_group
from ucm_check.assess.scheme import SELF_CHECK, Group
from ucm_check.assess.sources import read_scores


class CycleError(Exception):
    """A step of the cycle cannot run (a source not imported, a gap in the months); Chinese message."""


@attrs.frozen
class MonthResult:
    """One month's ranking, group by group."""

    period: Period
    groups: tuple[tuple[Group, tuple[Row, ...]], ...]


def import_source(folder: Folder, period: Period, source_id: str, path: str | None = None, *, sheet: str = "",
                  column: str = "", host: Any = None) -> str:
    """Validate a source's scores for ``period`` and keep them in history; return the file written."""
    source = folder.scheme.sources[source_id]
    expected = folder.expected(source_id, period)
    if source.kind == SELF_CHECK:
        from ucm_check.assess.selfcheck import self_check_scores

        scores = self_check_scores(folder.path, source, period, expected, host)
    else:
        assert path is not None
        scores = read_scores(path, source, period, folder.roster, expected, sheet=sheet, column=column)
    from ucm_check.assess.kept import write_source
    from ucm_check.assess.sources import InvalidScores

    target = write_source(folder, period, source_id, scores, InvalidScores)
    forget_results(folder, period)
    return target


def forget_results(folder: Folder, month: Period) -> None:
    """Remove the kept results a new import makes stale: that month's, every later month's (their
    streaks and rank changes follow from it) and its quarter's and year's; ``rank`` writes them again."""
    from ucm_check.assess.folder import HISTORY, RESULTS_FILE
    from ucm_check.assess.periods import BadPeriod, parse_period

    root = os.path.join(folder.path, HISTORY)
    for name in os.listdir(root):
        try:
            kept = parse_period(name)
        except BadPeriod:
            continue
        stale = kept >= month if kept.kind == month.kind else month in kept.months()
        path = os.path.join(root, name, RESULTS_FILE)
        if stale and os.path.isfile(path):
            os.remove(path)


def month_scores(folder: Folder, period: Period) -> dict[str, dict[str, Decimal | None]]:
    """Every source's kept scores for ``period`` (validated again: history files may be edited by hand)."""
    from ucm_check.assess.kept import blocks
    from ucm_check.assess.sources import InvalidScores, match_scores

    used = [s for s in folder.scheme.sources if folder.expected(s, period)]
    kept = blocks(folder, period, InvalidScores)
    missing = [s for s in used if s not in kept]
    if missing:
        names = "、".join(f"{folder.scheme.sources[s].name}（{s}）" for s in missing)
        raise CycleError(f"{period.label}尚未导入：{names}；请先用 ucm-check assess import 导入")
    scores: dict[str, dict[str, Decimal | None]] = {}
    for sid in used:
        block, source, expected = kept[sid], folder.scheme.sources[sid], folder.expected(sid, period)
        origin = os.path.basename(block.path)
        if block.table.rows:  # a block of inputs.csv
            found = _as_written([list(cells[1:]) for _, cells in block.table.rows], source, {u.name for u in expected})
            if found is None:
                found = {s.unit: s.value for s in match_scores(block.table, source, period, folder.roster, expected,
                                                               origin=origin)}
        else:  # a folder kept before inputs.csv: the source's own file
            found = _as_written(_csv_rows(block.path), source, {u.name for u in expected})
            if found is None:  # edited by hand and not as ucm-check writes it: the full reader says where
                found = {s.unit: s.value for s in read_scores(block.path, source, period, folder.roster, expected,
                                                              origin=origin)}
        scores[sid] = found
    return scores


def _csv_rows(path: str) -> list[list[str]] | None:
    """A kept file's rows read the quick way, or None when it cannot be (the full reader says why)."""
    import csv

    from ucm_check.assess.limits import file_size_problem

    if file_size_problem(path):
        return None
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))
    except (UnicodeDecodeError, csv.Error):
        return None


def _as_written(rows: list[list[str]] | None, source: Any, expected: set[str]) -> dict[str, Decimal | None] | None:
    """Kept rows (header first) read the quick way, when they are exactly as :func:`import_source`
    writes them (every expected unit once by its full name, each score a number in range or 缺评);
    else None."""
    if not rows or rows[0][:2] != ["单位名称", "得分"] or len(rows) - 1 != len(expected):
        return None
    found: dict[str, Decimal | None] = {}
    for row in rows[1:]:
        if len(row) < 2 or row[0] not in expected or row[0] in found:
            return None
        if row[1] == "缺评":
            found[row[0]] = None
            continue
        try:
            value = Decimal(row[1])
        except ArithmeticError:
            return None
        if not value.is_finite() or not source.low <= value <= source.high:
            return None
        found[row[0]] = value
    return found


def rank_month(folder: Folder, period: Period, carry: dict[str, Carry]) -> MonthResult:
    """One month from its kept inputs and last month's carry."""
    scores = month_scores(folder, period)
    groups = tuple((g, tuple(rank_group(folder.scheme, g, folder.roster.in_group(g.id, period), scores, carry)))
                   for g in folder.scheme.groups.values())
    return MonthResult(period, groups)


def months_through(folder: Folder, period: Period) -> list[Period]:
    """Every kept month up to ``period``, which must have no gap (escalation counts consecutive months)."""
    months = [m for m in folder.months() if m <= period]
    if not months or months[-1] != period:
        raise CycleError(f"{period.label}（{period.id}）没有导入任何来源的得分")
    for earlier, later in zip(months, months[1:]):
        if later.previous() != earlier:
            raise CycleError(f"历史记录在 {earlier.id} 与 {later.id} 之间缺少月份 {later.previous().id}：连续排名靠后的月数无法计算")
    return months


def run_months(folder: Folder, months: list[Period], carry: dict[str, Carry] | None = None) -> Iterator[MonthResult]:
    """Rank ``months`` in order, passing each month's carry to the next (starting from ``carry``,
    the carry of the month before the first, or from nothing); memory holds one month."""
    carry = carry or {}
    for month in months:
        result = rank_month(folder, month, carry)
        carry = {}
        for _, rows in result.groups:
            carry.update(carry_of(list(rows)))
        yield result


def rank_through(folder: Folder, period: Period, on_month: Callable[[MonthResult], None] | None = None) -> MonthResult:
    """Rank the kept months up to ``period`` in order (``on_month`` sees each); return ``period``'s.

    The months whose kept results are still true are not ranked again: their carry is read back
    (:mod:`ucm_check.assess.carry`), so a monthly run costs one month whatever the history.
    """
    from ucm_check.assess import carry as kept
    from ucm_check.engine import log

    months = months_through(folder, period)
    first, carry, why = kept.start(folder, months)
    if why:
        log.info("ucm_check.assess_rank_again", period=period.id, months=len(months),
                 message=f"从 {months[first].id} 起重新排名 {len(months) - first} 个月：{why}")
    result = None
    for result in run_months(folder, months[first:], carry):
        if on_month is not None:
            on_month(result)
    assert result is not None
    return result


@attrs.frozen
class Standing:
    """A unit's place in a quarter or a year."""

    unit: Any
    value: Decimal | None
    months: int
    """Months with a composite."""
    rank: int | None = None
    previous: int | None = None

    @property
    def change(self) -> int | None:
        """Places gained since the previous quarter or year."""
        return None if self.rank is None or self.previous is None else self.previous - self.rank


def aggregate(folder: Folder, period: Period, *, with_previous: bool = True) -> tuple[list[Period], list[tuple[Group, list[Standing]]]]:
    """A quarter's or a year's ranking: each unit's mean monthly composite over the kept months of the
    period (rounded as the scheme says), ranked with shared ties; a unit without a composite in every
    one of those months (a unit that joined the roster during the period too) is listed after,
    unranked, with its count of months; a unit that joins after the period is not listed."""
    kept = [m for m in folder.months() if m in period.months()]
    if not kept:
        raise CycleError(f"{period.label}没有任何月份的历史记录")
    sums: dict[str, Fraction] = {}
    counts: dict[str, int] = {}
    # A month's composite reads only that month's scores (the carry feeds ranks, flags and streaks,
    # which a quarter does not add up), so only the period's own months are worked out.
    for result in run_months(folder, kept):
        for _, rows in result.groups:
            for row in rows:
                if row.composite.value is not None:
                    sums[row.unit.name] = sums.get(row.unit.name, Fraction(0)) + Fraction(row.composite.value)
                    counts[row.unit.name] = counts.get(row.unit.name, 0) + 1
    before: dict[str, int | None] = {}
    if with_previous:
        try:
            for _, rows in aggregate(folder, period.previous(), with_previous=False)[1]:
                before.update({s.unit.name: s.rank for s in rows})
        except CycleError:
            pass
    out = []
    for group in folder.scheme.groups.values():
        standings = []
        for unit in folder.roster.in_group(group.id, kept[-1]):
            n = counts.get(unit.name, 0)
            value = round_half_up(sums[unit.name] / n, folder.scheme.decimals) if n == len(kept) else None
            standings.append(Standing(unit, value, n, previous=before.get(unit.name)))
        ranked = sorted((s for s in standings if s.value is not None), key=lambda s: (-s.value, s.unit.order))
        ranks = {}
        for i, s in enumerate(ranked):
            ranks[s.unit.name] = ranks[ranked[i - 1].unit.name] if i and ranked[i - 1].value == s.value else i + 1
        ordered = [attrs.evolve(s, rank=ranks[s.unit.name]) for s in ranked]
        ordered += [s for s in standings if s.value is None]
        out.append((group, ordered))
    return kept, out

