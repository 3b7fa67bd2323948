"""The value classes every part of ucm-check shares: facts, rules, areas, standards and results.

Plugins build :class:`Area` objects out of :class:`Rule` data; the engine turns a profile into a
:class:`ProfileResult`. All scores are :class:`decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Callable, Mapping, Protocol

import attrs
from attrs import field, frozen

from ucm_check.facts.kinds import KINDS
from ucm_check.numbers import ZERO

#: Finding statuses, as written in reports and the JSON contract.
COMPLIANT = "compliant"
DEDUCTED = "deducted"
AWARDED = "awarded"
NOT_AWARDED = "not_awarded"
UNANSWERED = "unanswered"
NOT_APPLICABLE = "not_applicable"
ERROR = "error"
#: Statuses of dated obligations (standards with deadlines rather than points, e.g. Henan 2021).
PENDING = "pending"
"""Not done yet, and the deadline is further off than the rule's "due soon" window."""
DUE_SOON = "due_soon"
"""Not done yet, and the deadline falls within the rule's "due soon" window."""
OVERDUE = "overdue"
"""Not done, and the deadline (or a whole reporting period) has passed."""
NOT_MET = "not_met"
"""A standing duty with no date in the document (长期) that is not met."""
MET_LATE = "met_late"
"""Done, but after its deadline (逾期完成): met, and shown as late in every output (a warning, never a pass
without a word, never a failure: the duty is no longer owed)."""
MET_STATUSES = frozenset({COMPLIANT, MET_LATE})
"""Statuses of a met rule or duty: they close a gap in the plan and need their evidence."""
GAP_STATUSES = frozenset({DEDUCTED, DUE_SOON, OVERDUE, NOT_MET})
"""Statuses that call for rectification: they are listed as gaps and enter the plan."""

#: Fact kinds (:mod:`ucm_check.facts` says what an answer of each kind must be).
FACT_KINDS = tuple(KINDS)


Getter = Callable[[str], Any]
"""``get(key)``: a fact's value in the profile, or :data:`ucm_check.shapes.MISSING` when not answered."""


class Shape(Protocol):
    """What the engine asks of a rule's shape (:mod:`ucm_check.shapes` has the grammar's shapes; a
    plugin may write its own class with these three members)."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts it reads."""

    @property
    def max_points(self) -> Decimal:
        """The most it can deduct (or award)."""

    def evaluate(self, get: Getter, context: Context) -> Outcome:
        """What it makes of the facts ``get`` returns, for the unit and day of ``context``."""


@frozen
class Context:
    """What a shape may need beyond the facts: the unit and the date the assessment is made as of."""

    unit: Mapping[str, Any]
    as_of: dt.date


@frozen
class Clause:
    """Where a rule comes from in its source document."""

    document: str
    """Document number, e.g. 湘建执函〔2020〕94号."""
    path: str
    """Section path inside the document, e.g. 附件 一（五）2（1）①."""

    def __str__(self) -> str:
        return f"{self.document} {self.path}"


def _known_kind(name: str) -> None:
    if name not in KINDS:
        raise ValueError(f"unknown fact kind {name!r}: one of {', '.join(KINDS)}")


@frozen
class Fact:
    """One thing a bureau records about itself, answered in its profile."""

    key: str
    """ASCII key inside the area's table, e.g. ``organization_established``."""
    kind: str = field(validator=lambda _, __, value: _known_kind(value))
    """A kind of :data:`ucm_check.facts.KINDS` (:data:`FACT_KINDS` lists the builtin ones)."""
    label: str
    """The question in Chinese, as the TUI asks it."""
    label_en: str
    """The question in English."""
    options: tuple[str, ...] = ()
    """Allowed values for ``choice`` and ``subset`` facts; for ``reports`` facts, the period kind
    (``("month",)``, ``("quarter",)`` or ``("year",)``)."""
    unit: str = ""
    """Counting word shown after a count (起, 人, 台, 次)."""

    def show(self, value: Any) -> str:
        """The observed value as a report prints it."""
        return KINDS[self.kind].show(self, value)


@frozen
class Applicability:
    """Which units a rule applies to; other units get "not applicable" with :attr:`reason`."""

    levels: frozenset[str]
    """Unit levels the rule applies to."""
    reason: str
    """Why it does not apply elsewhere, shown on the finding."""
    names: tuple[str, ...] = ()
    """Units named here apply whatever their level (e.g. 吉首市 for 七(3))."""

    def applies(self, unit: Mapping[str, Any]) -> bool:
        if unit.get("level") in self.levels:
            return True
        name = str(unit.get("name", ""))
        return any(n in name for n in self.names)


@frozen
class Exemption:
    """A fact that, when it holds, makes a rule deduct nothing (已获文明单位的不扣分)."""

    fact: str
    """Full path ``area.key`` of the fact."""
    values: frozenset[Any]
    """Values of that fact that grant the exemption."""
    reason: str
    """Text shown on the exempt finding."""


@frozen
class Outcome:
    """What a rule's shape made of the facts."""

    points: Decimal
    """Points deducted (deduction rules) or awarded (bonus rules)."""
    observed: str
    """The observed values, as text."""
    answered: bool = True
    """False when a fact the rule needs is missing from the profile."""
    note: str = ""
    """Anything the reader must know about how the points came out (e.g. a boundary reading)."""
    status: str = ""
    """A status the shape decides itself (dated obligations: :data:`OVERDUE` ...); empty lets the
    engine derive it from the points."""
    due: dt.date | None = None
    """The deadline a dated obligation was checked against, for the rectification timetable."""


@frozen
class Rule:
    """One scored sub-rule of a standard, as data the engine evaluates."""

    code: str
    """Stable ASCII code, e.g. ``HN-05-1a``."""
    clause: Clause
    """Where it stands in the source document."""
    title: str
    """Short Chinese title."""
    text: str
    """The standard's own words for this rule."""
    shape: Shape
    """A shape (:class:`Shape`; :mod:`ucm_check.shapes` has the grammar's) that turns facts into points."""
    remedy: str
    """What to do to recover the points (default 整改措施)."""
    reading: str = ""
    """The reading chosen where the text is ambiguous; empty when it is not."""
    applies_to: Applicability | None = None
    """Unit levels the rule is limited to; None means every unit."""
    exempt_if: Exemption | None = None
    """A fact that waives the rule."""
    period_days: int = 30
    """Default rectification period in days (e.g. 30 to set up a system, 90 to buy equipment)."""
    good: Mapping[str, Any] = field(factory=dict)
    """Example facts that lose nothing (keys are ``area.key`` paths)."""
    bad: Mapping[str, Any] = field(factory=dict)
    """Example facts that lose points (keys are ``area.key`` paths)."""
    tailored: tuple[str, ...] = ()
    """Descriptions of changes a tailoring file made to this rule."""
    lead: tuple[str, ...] = field(default=(), converter=tuple)
    """The document's own 牵头单位 for this duty (seed 002: 局政策法规科), proposed for a new plan item."""
    responsible: tuple[str, ...] = field(default=(), converter=tuple)
    """The document's own 责任单位 for this duty, proposed for a new plan item."""

    @property
    def max_points(self) -> Decimal:
        return self.shape.max_points


@frozen
class Area:
    """One checklist area of a standard (一 加强基层党建工作 ...), contributed by one plugin."""

    id: str
    """ASCII id, also the profile's table name."""
    number: str
    """Its number in the standard (一, 二 ... or 加分)."""
    title: str
    """Chinese title."""
    title_en: str
    """English title."""
    standard: str
    """Id of the standard the area belongs to."""
    max: Decimal
    """Points the area is worth."""
    rules: tuple[Rule, ...]
    """Its sub-rules in document order."""
    facts: tuple[Fact, ...]
    """Every fact its rules read, in question order."""
    bonus: bool = False
    """True for bonus areas (points added, not deducted)."""
    order: int = 0
    """Sort key inside the standard."""


@frozen
class Submission:
    """When and where a unit hands in its self-evaluation under a standard (湘建执函〔2020〕94号 四:
    总结自评情况（含佐证材料）于2020年11月15日前报送省厅). Not a rule: it scores nothing and gates
    nothing, but every report shows the countdown or the lateness (:mod:`ucm_check.dated.submission`)."""

    due: dt.date
    """The last day (前 includes it)."""
    what: str
    """What is handed in."""
    to: str
    """Who receives it."""
    clause: Clause
    levels: frozenset[str]
    """Unit levels that submit directly; others submit through their superior."""
    others: str = ""
    """What units of other levels do instead (shown to them)."""


@frozen
class Standard:
    """A scoring standard such as Hunan 2020."""

    id: str
    """Id a profile names in ``unit.standard``, e.g. ``hunan-2020``."""
    title: str
    """Chinese title."""
    document: str
    """Document number."""
    levels: tuple[str, ...]
    """Unit levels a profile may state."""
    base: Decimal
    """Initial points of the deduction part (100)."""
    bonus_max: Decimal
    """Most bonus points that count (20)."""
    areas: tuple[Area, ...] = ()
    """Its areas, filled in by the host from the plugins."""
    scored: bool = True
    """False for a standard of dated obligations without points (Henan 2021): reports should show
    each obligation's status and deadline rather than a total."""
    submission: Submission | None = None
    """The self-evaluation's own deadline, when the document sets one."""
    level_tiers: tuple[tuple[str, str], ...] = ()
    """``(level, tier)`` for level names of this standard the shared table
    (:mod:`ucm_check.engine.levels`) does not know, e.g. ``("济源示范区", "city")``; tiers are
    ``city``, ``county`` and ``street``."""

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def rule(self, code: str) -> Rule | None:
        for area in self.areas:
            for rule in area.rules:
                if rule.code.lower() == code.lower():
                    return rule
        return None


@frozen
class Finding:
    """The result of one rule for one unit."""

    rule: Rule
    area: str
    status: str
    points: Decimal
    """Points deducted or awarded."""
    observed: str
    note: str = ""
    due: dt.date | None = None
    """The deadline of a dated obligation (None for point rules and standing duties)."""

    @property
    def is_gap(self) -> bool:
        """True when the finding calls for rectification (see :data:`GAP_STATUSES`)."""
        return self.status in GAP_STATUSES

    @property
    def recoverable(self) -> Decimal:
        """Points that fixing the gap would win back (0 for bonus rules and compliant rules)."""
        return self.points if self.status == DEDUCTED else ZERO


@frozen
class AreaResult:
    """An area's findings and score."""

    area: Area
    findings: tuple[Finding, ...]
    error: str = ""
    """Set when the area's plugin failed; its findings are then empty."""
    points: Decimal = field(init=False)
    """Deducted points (capped at the area's maximum) or awarded points for bonus areas."""
    score: Decimal = field(init=False)
    """``max - points`` for deduction areas, ``points`` for bonus areas."""

    @points.default
    def _points(self) -> Decimal:  # computed once: reports read it many times per profile
        return min(sum((f.points for f in self.findings), ZERO), self.area.max)

    @score.default
    def _score(self) -> Decimal:
        return self.points if self.area.bonus else self.area.max - self.points

    counts: Mapping[str, int] = field(init=False, repr=False)
    """Number of findings per status."""

    @counts.default
    def _counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.status] = counts.get(f.status, 0) + 1
        return counts

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def unanswered_points(self) -> Decimal:
        """Most points unanswered rules could still move (deduct, or award for bonus), within what
        the area has left: a rule tailored larger than its area still moves at most the area's max."""
        if not self.counts.get(UNANSWERED):
            return ZERO
        rules = sum((f.rule.max_points for f in self.findings if f.status == UNANSWERED), ZERO)
        return min(rules, self.area.max - self.points)


@frozen
class ProfileResult:
    """A scored profile: the unit, its standard and one :class:`AreaResult` per area."""

    file: str
    unit: Mapping[str, Any]
    standard: Standard
    areas: tuple[AreaResult, ...]
    as_of: dt.date | None = field(default=None, kw_only=True)
    """The day the profile was checked as of (dated duties, the submission countdown)."""
    deducted: Decimal = field(init=False)
    """Points deducted, at most the standard's base."""
    bonus: Decimal = field(init=False)
    """Bonus points, at most the standard's bonus maximum."""
    findings: tuple[Finding, ...] = field(init=False, repr=False)
    """Every finding, area by area in document order."""
    unanswered: tuple[Finding, ...] = field(init=False, repr=False)
    """Findings whose facts are missing."""

    @findings.default
    def _findings(self) -> tuple[Finding, ...]:
        return tuple(f for a in self.areas for f in a.findings)

    @unanswered.default
    def _unanswered(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == UNANSWERED)

    def _sum(self, bonus: bool) -> Decimal:
        return sum((a.points for a in self.areas if a.area.bonus is bonus), ZERO)

    @deducted.default
    def _deducted(self) -> Decimal:
        return min(self._sum(False), self.standard.base)

    @bonus.default
    def _bonus(self) -> Decimal:
        return min(self._sum(True), self.standard.bonus_max)

    @property
    def total(self) -> Decimal:
        """Score on the answered facts: base - deducted + bonus."""
        return self.standard.base - self.deducted + self.bonus


    @property
    def max_further_deduction(self) -> Decimal:
        """Most points the unanswered deduction rules could still cost."""
        left = self.standard.base - self.deducted
        return min(sum((a.unanswered_points for a in self.areas if not a.area.bonus), ZERO), left)

    @property
    def max_further_bonus(self) -> Decimal:
        """Most bonus points the unanswered bonus rules could still add."""
        room = self.standard.bonus_max - self.bonus
        return min(sum((a.unanswered_points for a in self.areas if a.area.bonus), ZERO), room)

    @property
    def lowest_total(self) -> Decimal:
        """The total if every unanswered deduction rule turned out at its worst."""
        return self.total - self.max_further_deduction

    @property
    def complete(self) -> bool:
        return not self.unanswered and not self.errors

    @property
    def errors(self) -> tuple[AreaResult, ...]:
        return tuple(a for a in self.areas if a.error)

    def gaps(self, order: str = "recoverable") -> list[Finding]:
        """Gaps (deductions and unmet dated duties, :data:`GAP_STATUSES`), ordered by points recoverable
        (default), by area (then points), or by clause."""
        gaps = [f for f in self.findings if f.is_gap]
        if order == "recoverable":
            gaps.sort(key=lambda f: -f.recoverable)
        elif order == "area":
            rank = {a.area.id: i for i, a in enumerate(self.areas)}
            gaps.sort(key=lambda f: (rank[f.area], -f.recoverable))
        return gaps  # "clause": document order, as the findings already are


@frozen
class OutputFormat:
    """One output format of the registry (:mod:`ucm_check.engine.formats`): what ``check``, ``plan`` or
    the exports can write. A plugin returns these from ``ucm_check_output_formats``."""

    subject: str
    """``check``, ``plan`` or ``export``."""
    name: str
    """What ``--format`` takes (``sarif``), or an export's stable id (``plan-xlsx``)."""
    target: str
    """``"package.module:attribute"``: the writer class or render function."""
    suffixes: tuple[str, ...] = ()
    """File endings ``--output`` infers this format from (``.sarif``)."""
    label: str = ""
    """What a chooser shows (Chinese)."""
    label_en: str = ""
    """What a chooser shows with ``--lang en``."""
    file_suffix: str = ""
    """For an export: appended to the profile's stem to name the file (``-整改台账.xlsx``)."""
    keywords: str = ""
    """Extra words the command palette matches."""
    binary: bool = False
    """The renderer returns bytes (xlsx, docx) rather than text."""

    def load(self) -> Any:
        """The writer class or render function, imported now."""
        import importlib

        module, _, attribute = self.target.partition(":")
        obj: Any = importlib.import_module(module)
        for part in attribute.split("."):
            obj = getattr(obj, part)
        return obj
