"""A recurring report owed by each of several units, as one plan item per unit with a stage node
per period (seed 003 四（三）: "各牵头部门…于每季度结束后5个工作日内汇总推进落实情况报…领导小组办公室").

Each unit's item carries one :class:`~ucm_check.plan.model.Milestone` per period covered, dated by
the schedule reader on the official working-day calendar; ticking a node done records the report.
A node missed makes the item overdue and counts toward its escalation
(:mod:`ucm_check.plan.escalation`).
"""

from __future__ import annotations

import attrs

from ucm_check.dated.periods import Period
from ucm_check.dated.schedule import Schedule
from ucm_check.plan.model import Item, Milestone, Plan
from ucm_check.plan.units import PSEUDO


def periods(schedule: Schedule, first: Period, last: Period) -> list[Period]:
    """The schedule's occurrences from ``first`` to ``last`` inclusive."""
    found, period = [], schedule.containing(first.start)
    while period <= last:
        found.append(period)
        period = schedule.step(period)
    return found


def lead_units(plan: Plan) -> list[str]:
    """Every unit named as a 牵头单位 of an item (canonical spelling, first appearance first): what
    各牵头部门 stands for."""
    found: dict[str, None] = {}
    for item in plan.items:
        for unit in item.lead_units:
            if unit not in PSEUDO:
                found.update(dict.fromkeys(plan.names.members(unit)))
    return list(found)


def per_unit(template: Item, units: list[str], schedule: Schedule, first: Period, last: Period,
             what: str, problem: str = "{problem}") -> list[Item]:
    """One item per unit, copied from ``template`` (id ``{template.id}-{unit}``, the unit as its only
    牵头单位, problem ``problem.format(unit=..., problem=template.problem)``), with a stage node
    ``what.format(label=...)`` for each period, due as ``schedule`` says; the deadline is the last
    node's date."""
    items = []
    for unit in units:
        nodes = tuple(Milestone(schedule.due(p).day, what.format(label=p.label)) for p in periods(schedule, first, last))
        items.append(attrs.evolve(template, id=f"{template.id}-{unit}", lead_unit=[unit], responsible_units=(),
                                  problem=problem.format(unit=unit, problem=template.problem),
                                  milestones=nodes, deadline=nodes[-1].date if nodes else template.deadline))
    return items
