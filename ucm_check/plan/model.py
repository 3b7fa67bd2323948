"""The rectification plan (整改台账): items, milestones, deadline changes and the plan itself.

One :class:`Item` per gap (or added by hand). Everything is an immutable value: edits produce new
items with :func:`attrs.evolve`, and moving a deadline goes through :meth:`Item.reschedule`, which
records the change and its reason (FedRAMP POA&M's "milestone changes").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Union

import attrs
from attrs import field, frozen

from ucm_check.files.inputs import show
from ucm_check.numbers import ZERO

ONGOING = "长期"
"""A deadline for a duty that never ends (seed 003: 完成时限：长期)."""

NOT_STARTED, IN_PROGRESS, DONE, CLOSED = "未开始", "整改中", "已完成", "已销号"
STATUSES: tuple[str, ...] = (NOT_STARTED, IN_PROGRESS, DONE, CLOSED)
"""Statuses a user sets; 逾期 (overdue) and 可销号 (ready to close) are derived, never stored."""
OPEN_STATUSES = (NOT_STARTED, IN_PROGRESS)
OVERDUE = "逾期"
READY_TO_CLOSE = "可销号"

Deadline = Union[dt.date, str]
"""A date, or :data:`ONGOING`."""


def deadline_text(deadline: Deadline) -> str:
    """``2026-12-31`` or ``长期``."""
    return deadline.isoformat() if isinstance(deadline, dt.date) else str(deadline)


UNIT_SEPARATORS = re.compile(r"[、，,；;\n]+")


def unit_list(value: object) -> tuple[str, ...]:
    """Units as a tuple: a list as given, or one string split at 、，,；; (so a plan written when
    each role held one string, or a form field "办公室、督查科", reads as a list)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(u.strip() for u in UNIT_SEPARATORS.split(value) if u.strip())
    return tuple(str(u).strip() for u in value if str(u).strip())  # type: ignore[attr-defined]


def _check_deadline(_instance: object, attribute: attrs.Attribute, value: object) -> None:
    if isinstance(value, dt.datetime) or not (isinstance(value, dt.date) or value == ONGOING):
        raise ValueError(f"{attribute.name} 应为日期或“{ONGOING}”，实际为 {show(value)}")


@frozen
class Milestone:
    """A stage node (阶段节点) of an item."""

    date: dt.date
    """When the stage is due."""
    text: str
    """What is to be done by then."""
    done: bool = False
    """Whether it has been done."""


@frozen
class DeadlineChange:
    """One move of an item's deadline, with the reason given for it."""

    date: dt.date
    """When the change was made."""
    old: Deadline = field(validator=_check_deadline)
    """The deadline before."""
    new: Deadline = field(validator=_check_deadline)
    """The deadline after."""
    reason: str
    """Why it moved (required: an unexplained delay is what audits ask about)."""


@frozen
class Item:
    """One rectification item: a gap, what will be done about it, by whom and by when."""

    id: str
    """Stable id: the rule code for generated items (``HN-06-4``, ``HN-06-4#2`` when a closed gap
    comes back), ``自定-N`` for items added by hand."""
    problem: str
    """The problem (问题), with the observed value."""
    rule: str = ""
    """Code of the rule whose gap this is; empty for hand-added items."""
    area: str = ""
    """Checklist area title with its number, e.g. ``六 严格执法纪律``."""
    clause: str = ""
    """Document number and section path the gap breaks."""
    points: Decimal = ZERO
    """Points recoverable by fixing the gap."""
    measures: str = ""
    """Rectification measures (整改措施); defaults to the rule's remedy."""
    lead_units: tuple[str, ...] = field(default=(), converter=unit_list, alias="lead_unit")
    """Lead units (牵头单位): several for a joint task (seed 003: 18 of 33 tasks). Passed as
    ``lead_unit=`` (a list, or one string split at 、，)."""
    responsible_units: tuple[str, ...] = field(default=(), converter=unit_list)
    """Responsible units (责任单位)."""
    cooperating_units: tuple[str, ...] = field(default=(), converter=unit_list)
    """Cooperating units (配合单位)."""
    person: str = ""
    """Person in charge (责任人)."""
    deadline: Deadline = field(default=ONGOING, validator=_check_deadline)
    """Completion deadline (完成时限): a date, or 长期."""
    status: str = field(default=NOT_STARTED, validator=attrs.validators.in_(STATUSES))
    """One of :data:`STATUSES`."""
    milestones: tuple[Milestone, ...] = field(default=(), converter=tuple)
    """Stage nodes, in date order."""
    evidence: tuple[str, ...] = field(default=(), converter=tuple)
    """Supporting material (佐证材料): file names or descriptions."""
    history: tuple[DeadlineChange, ...] = field(default=(), converter=tuple)
    """Every deadline change, oldest first."""
    created: dt.date | None = None
    """When the item entered the plan."""
    gap_closed: dt.date | None = None
    """When a re-check first found the gap gone; None while the gap is still there."""
    note: str = ""
    """Free remarks."""

    @property
    def lead_unit(self) -> str:
        """The lead units as one text, joined with 、 (empty when none)."""
        return "、".join(self.lead_units)

    @property
    def manual(self) -> bool:
        """True for an item added by hand rather than generated from a gap."""
        return not self.rule

    @property
    def finished(self) -> bool:
        """已完成 or 已销号: no longer counts as open work."""
        return self.status not in OPEN_STATUSES

    def overdue(self, as_of: dt.date) -> bool:
        """Still open after its deadline day. Due *on* the deadline: on that day it is not yet overdue."""
        return not self.finished and isinstance(self.deadline, dt.date) and as_of > self.deadline

    @property
    def ready_to_close(self) -> bool:
        """The gap is gone but the item has not been closed (可销号)."""
        return self.gap_closed is not None and self.status != CLOSED

    def state(self, as_of: dt.date) -> str:
        """Status as shown: the stored status, with 逾期 or 可销号 appended when they apply."""
        extra = [OVERDUE] if self.overdue(as_of) else []
        if self.ready_to_close:
            extra.append(READY_TO_CLOSE)
        return "，".join([self.status, *extra])

    def reschedule(self, deadline: Deadline, reason: str, on: dt.date) -> Item:
        """This item with a new deadline and the change recorded; a move needs a reason."""
        if deadline == self.deadline:
            return self
        if not reason.strip():
            raise ValueError("调整完成时限必须填写调整原因")
        change = DeadlineChange(on, self.deadline, deadline, reason.strip())
        return attrs.evolve(self, deadline=deadline, history=(*self.history, change))

    def sort_key(self) -> tuple:
        """Deadline order: dated items first, earliest first; 长期 last."""
        dated = isinstance(self.deadline, dt.date)
        return (not dated, self.deadline if dated else dt.date.max, self.id)

    @property
    def units(self) -> tuple[tuple[str, str], ...]:
        """``(unit, role)`` pairs, role 牵头/责任/配合, each unit once in its first role."""
        seen: dict[str, str] = {}
        for unit in self.lead_units:
            seen.setdefault(unit, "牵头")
        for unit in self.responsible_units:
            seen.setdefault(unit, "责任")
        for unit in self.cooperating_units:
            seen.setdefault(unit, "配合")
        return tuple(seen.items())


@frozen
class Plan:
    """A unit's rectification plan: the items, and where they came from."""

    profile: str
    """The profile file the plan belongs to (as given on the command line)."""
    unit: str = ""
    """Unit name from the profile."""
    standard: str = ""
    """Standard id the gaps were scored against."""
    updated: dt.date | None = None
    """As-of date of the last reconciliation."""
    items: tuple[Item, ...] = field(default=(), converter=tuple)
    """Items in the order they were added."""

    def item(self, item_id: str) -> Item | None:
        """The item with ``item_id``, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    def replace(self, item: Item) -> Plan:
        """This plan with the item of the same id replaced (or appended when new)."""
        if self.item(item.id) is None:
            return attrs.evolve(self, items=(*self.items, item))
        return attrs.evolve(self, items=tuple(item if i.id == item.id else i for i in self.items))

    def overdue(self, as_of: dt.date) -> list[Item]:
        """Open items past their deadline as of ``as_of``, earliest deadline first."""
        return sorted((i for i in self.items if i.overdue(as_of)), key=Item.sort_key)

    def by_deadline(self) -> list[Item]:
        """Items in deadline order (see :meth:`Item.sort_key`)."""
        return sorted(self.items, key=Item.sort_key)

    @property
    def completed(self) -> int:
        """Items 已完成 or 已销号."""
        return sum(1 for i in self.items if i.finished)

    @property
    def completion_rate(self) -> Decimal:
        """整改完成率 in percent, one decimal place; 0 for an empty plan."""
        if not self.items:
            return ZERO
        rate = Decimal(100 * self.completed) / Decimal(len(self.items))
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def next_manual_id(self) -> str:
        """The first free ``自定-N`` id for an item added by hand."""
        taken = {i.id for i in self.items}
        n = 1
        while f"自定-{n}" in taken:
            n += 1
        return f"自定-{n}"
