"""From gaps to items: default deadlines, and reconciling an existing plan with a new result.

Reconciliation never drops anything a person wrote. It refreshes only what comes from the
finding (problem, points, area, clause), marks items whose gap is gone as 可销号, and adds items
for new gaps. Hand-added items are left exactly as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import attrs

from ucm_check.files.inputs import show
from ucm_check.model import MET_STATUSES, NOT_APPLICABLE, Finding, ProfileResult
from ucm_check.plan.model import CLOSED, ONGOING, Deadline, Item, Plan

HOOK = "ucm_check_default_deadline"


def _valid(value: Any) -> bool:
    return value == ONGOING or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))


def deadline_chooser(host: Any, unit: Any, as_of: dt.date) -> Callable[[Finding], Deadline]:
    """A function giving each new gap its deadline: the first plugin answer to
    ``ucm_check_default_deadline``, else ``as_of`` plus the rule's ``period_days``.

    A plugin answering something other than a date or 长期 is recorded in ``host.errors`` and skipped.
    A deadline past the last day ucm-check counts with (2100-12-31, :mod:`ucm_check.dated.bounds`)
    becomes that day, so a plan checked near the end of the range can still be saved and read back.
    """
    from ucm_check.dated.bounds import LAST

    def choose(finding: Finding) -> Deadline:
        if host is not None:
            for plugin, answer in host.call(HOOK, rule=finding.rule, finding=finding, unit=unit, as_of=as_of):
                if _valid(answer):
                    return min(answer, LAST) if isinstance(answer, dt.date) else answer
                host.fail(plugin, HOOK, f"返回了 {show(answer)}，应为日期、“{ONGOING}”或 None")
        return min(as_of + dt.timedelta(days=finding.rule.period_days), LAST)

    return choose


def problem_text(finding: Finding) -> str:
    """The problem as a line of a problem list: title and what was observed."""
    return f"{finding.rule.title}：{finding.observed}"


def _from_finding(finding: Finding, areas: dict[str, str]) -> dict[str, Any]:
    return dict(problem=problem_text(finding), area=areas.get(finding.area, finding.area),
                clause=str(finding.rule.clause), points=finding.recoverable)


@attrs.frozen
class Changes:
    """What a reconciliation did, by item id."""

    added: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    """Items whose gap disappeared in this run (now 可销号)."""
    reopened: tuple[str, ...] = ()
    """Items whose gap had gone and came back before they were closed."""

    def __str__(self) -> str:
        parts = [f"新增 {len(self.added)} 项", f"可销号 {len(self.gone)} 项"]
        if self.reopened:
            parts.append(f"差距复现 {len(self.reopened)} 项（{'、'.join(self.reopened)}）")
        return "，".join(parts)


def _new_id(code: str, taken: set[str]) -> str:
    if code not in taken:
        return code
    n = 2
    while f"{code}#{n}" in taken:
        n += 1
    return f"{code}#{n}"


def reconcile(plan: Plan | None, result: ProfileResult, *, as_of: dt.date,
              deadline_for: Callable[[Finding], Deadline], profile: str = "") -> tuple[Plan, Changes]:
    """``plan`` (None for a first run) brought up to date with ``result``; the same object when
    nothing changed.

    - a gap with a live item refreshes that item's finding fields (and reopens it if it had gone);
    - a gap (:attr:`Finding.is_gap`: a deduction, or a dated duty overdue, due soon or not met)
      without one adds an item (measures from the rule's remedy, deadline from ``deadline_for``);
      an item already 已销号 after its gap had gone counts as dead, so a recurring gap gets a new item;
    - a live item whose rule is now compliant or not applicable gets ``gap_closed = as_of`` (可销号);
      an unanswered or failed rule says nothing about the gap, so its item is left alone.
    """
    plan = plan or Plan(profile)
    areas = {a.area.id: f"{a.area.number} {a.area.title}" for a in result.areas}
    findings = {f.rule.code: f for f in result.findings}
    items = list(plan.items)
    live: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.rule and not (item.status == CLOSED and item.gap_closed is not None):
            live[item.rule] = index
    added, gone, reopened = [], [], []
    taken = {i.id for i in items}
    for finding in result.findings:
        if not finding.is_gap:  # a deduction, or a dated duty overdue, due soon or not met
            continue
        code = finding.rule.code
        if code in live:
            old = items[live[code]]
            if old.gap_closed is not None:
                reopened.append(old.id)
            items[live[code]] = attrs.evolve(old, gap_closed=None, **_from_finding(finding, areas))
            continue
        item = Item(id=_new_id(code, taken), rule=code, measures=finding.rule.remedy,
                    lead_unit=finding.rule.lead, responsible_units=finding.rule.responsible,
                    deadline=deadline_for(finding), created=as_of, **_from_finding(finding, areas))
        taken.add(item.id)
        live[code] = len(items)
        items.append(item)
        added.append(item.id)
    for code, index in live.items():
        finding = findings.get(code)
        item = items[index]
        if finding is not None and (finding.status in MET_STATUSES or finding.status == NOT_APPLICABLE) \
                and item.gap_closed is None:
            items[index] = attrs.evolve(item, gap_closed=as_of)
            gone.append(item.id)
    fresh = attrs.evolve(plan, profile=profile or plan.profile, unit=str(result.unit.get("name", plan.unit)),
                         standard=result.standard.id, items=items)
    if fresh == plan:  # "updated" records the last real change, so an unchanged plan is not rewritten
        return plan, Changes()
    return attrs.evolve(fresh, updated=as_of), Changes(tuple(added), tuple(gone), tuple(reopened))
