"""What the intake makes of each expected unit (:class:`Record`) and of the whole folder
(:class:`Intake`); the statuses a unit can have."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ucm_check.intake.roster import Roster, Unit
from ucm_check.intake.scheme import Scheme
from ucm_check.intake.social import Social
from ucm_check.intake.spotcheck import RuleDiff, SpotCheck
from ucm_check.files.problems import ProfileError

ON_TIME, LATE, MISSING, INVALID = "on_time", "late", "missing", "invalid"
STATUS_TEXT = {ON_TIME: "按时报送", LATE: "逾期报送", MISSING: "未报送", INVALID: "提交包无效"}


@attrs.define
class Record:
    """One unit's outcome, kept small: scores and per-rule points, never the bundle's files."""

    unit: Unit
    status: str = MISSING
    file: str = ""
    """The bundle that counts, relative to the intake folder."""
    as_of: dt.date | None = None
    deadline: dt.date | None = None
    reasons: list[str] = attrs.Factory(list)
    """Why the bundle is invalid."""
    others: list[str] = attrs.Factory(list)
    """Other files attributed to the unit (superseded or invalid), with what they were."""
    self_total: Decimal | None = None
    self_complete: bool = True
    verified_total: Decimal | None = None
    """After the spot check (the self total when there is none)."""
    final: Decimal | None = None
    """The score that ranks: verified facts, then the social evaluation as the scheme says."""
    basis: Decimal | None = None
    """What ranks: :attr:`final`, or the lowest it could be when facts are unanswered."""
    complete: bool = True
    deducted: dict[str, Decimal] = attrs.Factory(dict)
    """Rule code -> points lost in the final result (deduction rules that lost points only)."""
    unassessed: frozenset[str] = frozenset()
    """Deduction rules not applicable to the unit, unanswered, or failed in the final result
    (usually none: storing the few left out keeps a record small)."""
    check: SpotCheck | None = None
    diffs: list[RuleDiff] = attrs.Factory(list)
    social: Social | None = None
    notes: list[str] = attrs.Factory(list)
    counties: list = attrs.Factory(list)
    """The counties' results the unit's bundle carries (:class:`~.carried.CountyResult`)."""
    duties: dict[str, int] = attrs.Factory(dict)
    """A standard of dated duties (no points, e.g. Henan 2021): findings per status of the final
    result (``overdue``, ``not_met``, ``due_soon``, ``met_late``, ``pending``, ``compliant`` ...); empty otherwise."""
    profile_text: str | None = None
    """The counted bundle's profile as submitted (TOML): carried up in the JSON so that the office
    above can re-score the unit with its own spot check (检查面延伸到县)."""
    failed: tuple[str, ...] = ()
    """Rule codes overdue or not met in the final result (dated duties only)."""

    @property
    def failures(self) -> int:
        """Dated duties overdue or not met: what ranks and lists a unit under a standard without points."""
        return self.duties.get("overdue", 0) + self.duties.get("not_met", 0)

    @property
    def days_late(self) -> int:
        return max((self.as_of - self.deadline).days, 0) if self.as_of and self.deadline else 0

    @property
    def difference(self) -> Decimal | None:
        """Self total minus verified total when a spot check was made."""
        if self.check is None or self.self_total is None or self.verified_total is None:
            return None
        return self.self_total - self.verified_total

    def overrated(self, scheme: Scheme) -> bool:
        """自评偏高: the self total exceeds the verified total by more than the margin (超过)."""
        diff = self.difference
        return diff is not None and diff > scheme.overrate_margin


@attrs.define
class Intake:
    """The whole intake: one record per expected unit, plus files that fit no expected unit."""

    roster: Roster
    office: str
    as_of: dt.date
    records: list[Record]
    stray: list[tuple[str, str]] = attrs.Factory(list)
    """(file, why it was not attributed to an expected unit)."""
    errors: list[ProfileError] = attrs.Factory(list)
    """Problems in the office's own files (spot checks, surveys): exit 2."""
    standard: object = None

    def counts(self) -> dict[str, int]:
        found = {s: 0 for s in STATUS_TEXT}
        for r in self.records:
            found[r.status] += 1
        return found
