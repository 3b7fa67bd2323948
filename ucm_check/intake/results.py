"""Results for the notice: ranking, per-rule statistics (共性问题) and the 通报表扬 / 通报批评 lists.
Pure functions of the :class:`~ucm_check.intake.records.Intake` records; no I/O.

- **Ranking** is by the score that ranks (:attr:`Record.basis`: the final score, or the lowest it
  could be when facts are unanswered), highest first; at equal scores a complete unit comes before
  an incomplete one, and equal scores of equal completeness share a rank (1, 1, 3).
  Units that sent nothing valid are not ranked.
- **Per rule**, over the ranked units: how many lost points, the points lost in total, and the
  mean over the units the rule was assessed for (applicable and answered).
- **共性问题**: rules that cost the most units points (then the most points), document order last.
- **通报表扬**: final score at least ``praise_min`` (以上 includes it), submitted on time, assessment
  complete and not flagged 自评偏高. **通报批评**: score below ``criticise_below``; nothing valid
  received (``criticise_missing``); late (``criticise_late``).
- **A standard without points** (Henan 2021's dated duties) ranks by duties overdue or not met
  (fewer first), then due soon, then completeness; per rule it counts the units that failed the
  duty; 通报批评 takes ``criticise_failures`` (at least that many overdue or not met) and 通报表扬
  ``praise_max_failures`` (at most that many, on time and complete).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

from ucm_check.intake.records import INVALID, LATE, MISSING, ON_TIME, Intake, Record
from ucm_check.numbers import ZERO, fmt


@attrs.frozen
class RuleStat:
    """One deduction rule across the ranked units."""

    code: str
    title: str
    area: str
    """Area number and title, e.g. ``三 统一执法人员着装``."""
    max_points: Decimal
    units_lost: int
    """Units that lost points on it."""
    assessed: int
    """Units it was assessed for (applicable and answered)."""
    total_lost: Decimal
    lost_by: tuple[str, ...] = ()
    """Names of the units that lost points, in roster order."""

    @property
    def mean_lost(self) -> Decimal:
        """Points lost per assessed unit, rounded half up to two decimals as Excel's ROUND and the
        standard's own rounding do (1.5/12 → 0.13); 0 when none was assessed."""
        if not self.assessed:
            return ZERO
        return (self.total_lost / self.assessed).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ranked(intake: Intake) -> list[tuple[int, Record]]:
    """(rank, record) for every unit with a valid submission, best first; ties share a rank. At
    the same score a complete unit ranks before an incomplete one (as ``check`` ranks): an
    unfinished self-evaluation never ranks above a unit that is sure of that score."""
    merit = _merit if scored(intake) else _duty_merit
    rows = sorted((r for r in intake.records if r.status in (ON_TIME, LATE)), key=lambda r: (merit(r), r.unit.name))
    out: list[tuple[int, Record]] = []
    for index, record in enumerate(rows):
        same = out and merit(out[-1][1]) == merit(record)
        rank = out[-1][0] if same else index + 1
        out.append((rank, record))
    return out


def scored(intake: Intake) -> bool:
    """Whether the intake's standard gives points (Hunan) or judges dated duties (Henan 2021)."""
    return getattr(intake.standard, "scored", True)


def _merit(r: Record) -> tuple:
    return (-r.basis, not r.complete)


def _duty_merit(r: Record) -> tuple:
    """A standard without points ranks as ``check`` does: fewer duties overdue or not met, then
    fewer due soon, then a complete self-evaluation first, then fewer done late (逾期完成)."""
    return (r.failures, r.duties.get("due_soon", 0), not r.complete, r.duties.get("met_late", 0))


def county_ranking(intake: Intake) -> list[tuple[int, Record, object]]:
    """(rank, city record, county) over every county the cities' bundles carry with a score: the
    county level's ranking across the province, by the score that ranks, ties sharing a rank."""
    rows = sorted(((r, c) for r in intake.records for c in r.counties if c.basis is not None and c.status in (ON_TIME, LATE)),
                  key=lambda rc: (-rc[1].basis, rc[1].name))
    out: list[tuple[int, Record, object]] = []
    for index, (record, county) in enumerate(rows):
        rank = out[-1][0] if out and out[-1][2].basis == county.basis else index + 1
        out.append((rank, record, county))
    return out


def rule_stats(intake: Intake) -> list[RuleStat]:
    """Statistics for every deduction rule of the standard, in document order."""
    valid = [r for r in intake.records if r.status in (ON_TIME, LATE)]
    points = scored(intake)
    stats = []
    for area in intake.standard.areas:
        if area.bonus:
            continue
        for rule in area.rules:
            lost = [r for r in valid if (r.deducted.get(rule.code, ZERO) > 0 if points else rule.code in r.failed)]
            stats.append(RuleStat(rule.code, rule.title, f"{area.number} {area.title}", rule.max_points, len(lost),
                                  sum(1 for r in valid if rule.code not in r.unassessed),
                                  sum((r.deducted.get(rule.code, ZERO) for r in lost), ZERO),
                                  tuple(r.unit.name for r in lost)))
    return stats


def common_issues(stats: list[RuleStat], count: int) -> list[RuleStat]:
    """The ``count`` rules that most units lost points on (共性问题)."""
    order = {s.code: i for i, s in enumerate(stats)}
    hit = [s for s in stats if s.units_lost]
    return sorted(hit, key=lambda s: (-s.units_lost, -s.total_lost, order[s.code]))[:count]


def praise(intake: Intake) -> list[tuple[Record, str]]:
    """通报表扬: (record, why) in ranking order."""
    scheme = intake.roster.scheme
    if not scored(intake):
        return _praise_duties(intake)
    if scheme.praise_min is None:
        return []
    return [(r, f"得分 {fmt(r.final)}，不低于 {fmt(scheme.praise_min)} 分，按时报送，评价完整，核查未发现自评偏高")
            for _, r in ranked(intake)
            if r.final >= scheme.praise_min and r.status == ON_TIME and r.complete and not r.overrated(scheme)]


def criticise(intake: Intake) -> list[tuple[Record, str]]:
    """通报批评: (record, why), units without a valid submission first, then by score."""
    scheme = intake.roster.scheme
    out: list[tuple[Record, str]] = []
    for r in intake.records:
        if r.status == MISSING and scheme.criticise_missing:
            out.append((r, f"截至 {intake.as_of.isoformat()} 未报送总结自评"))
        elif r.status == INVALID and scheme.criticise_missing:
            out.append((r, f"报送的提交包无效：{r.reasons[0]}"))
    for _, r in ranked(intake):
        why = []
        if scheme.criticise_failures is not None and r.failures >= scheme.criticise_failures:
            why.append(f"{duty_text(r)}，达到通报批评的 {scheme.criticise_failures} 项")
        if scheme.criticise_below is not None and r.basis < scheme.criticise_below:
            shown = fmt(r.basis) + ("（评价不完整，按最低可能得分）" if not r.complete else "")
            why.append(f"得分 {shown}，低于 {fmt(scheme.criticise_below)} 分")
        if r.status == LATE and scheme.criticise_late:
            why.append(f"逾期 {r.days_late} 天报送")
        if why:
            out.append((r, "；".join(why)))
    return out


def duty_text(r: Record) -> str:
    """``逾期 1 项、未落实 0 项`` for a unit under a standard of dated duties (``、逾期完成 N 项`` when any
    duty was done late)."""
    late = r.duties.get("met_late", 0)
    return (f"逾期 {r.duties.get('overdue', 0)} 项、未落实 {r.duties.get('not_met', 0)} 项"
            + (f"、逾期完成 {late} 项" if late else ""))


def _praise_duties(intake: Intake) -> list[tuple[Record, str]]:
    """通报表扬 under a standard without points: at most ``praise_max_failures`` duties overdue or
    not met (以下 includes the number), on time and complete."""
    limit = intake.roster.scheme.praise_max_failures
    if limit is None:
        return []
    return [(r, f"{duty_text(r)}，不超过 {limit} 项，按时报送，评价完整")
            for _, r in ranked(intake) if r.failures <= limit and r.status == ON_TIME and r.complete]
