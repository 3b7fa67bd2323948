"""One status vocabulary for every output and gate: what each finding status *is* (a failure, a
warning, a pass, a skip) and how each format says it. Every writer and the policy gates read this
table; none decides a status's weight on its own.

=================  =========  =======  ======  ================  ====================  ===========
status             verdict    SARIF    GitHub  GitLab            JUnit                 TAP point
=================  =========  =======  ======  ================  ====================  ===========
``overdue``        failure    error    error   critical          failure ``overdue``   not ok
``not_met``        failure    error    error   critical          failure ``not_met``   not ok
``deducted``       deduction  warning  warning major (≥ 2 pts)   failure ``deduction`` ok
                                               / minor
``due_soon``       warning    warning  warning minor             pass, text in         ok
                                                                 system-out
``met_late``       warning    warning  warning minor             pass, text in         ok
                                                                 system-out
``unanswered``     unanswered note     notice  info              skipped               ok
                                                                 ``unanswered``
``not_applicable`` skip       —        —       —                 skipped               ok
                                                                 ``not_applicable``
``pending``,       pass       —        —       —                 pass                  ok
``compliant``,
``awarded``,
``not_awarded``
=================  =========  =======  ======  ================  ====================  ===========

``met_late`` (逾期完成) is a duty done after its deadline: no longer owed, so not a failure and not a gap,
but never a silent pass either; it warns wherever a due-soon duty warns, and counts apart from 已落实.

A rule named by the policy's ``veto`` turns a deduction, a failure or an unanswered rule into an
``error`` (GitLab ``critical``). Points decide nothing for a standard without points: a dated duty
is judged by its status alone.
"""

from __future__ import annotations

from decimal import Decimal

from ucm_check.model import (
    AWARDED, COMPLIANT, DEDUCTED, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_AWARDED, NOT_MET, OVERDUE, PENDING, UNANSWERED,
    Finding,
)
from ucm_check.numbers import fmt

FAILURE, DEDUCTION, WARNING, UNANSWERED_VERDICT, SKIP, PASS = (
    "failure", "deduction", "warning", "unanswered", "skip", "pass")

#: status -> verdict, the one place that says how much a status weighs.
VERDICT = {
    OVERDUE: FAILURE, NOT_MET: FAILURE, DEDUCTED: DEDUCTION, DUE_SOON: WARNING, MET_LATE: WARNING, UNANSWERED: UNANSWERED_VERDICT,
    NOT_APPLICABLE: SKIP, PENDING: PASS, COMPLIANT: PASS, AWARDED: PASS, NOT_AWARDED: PASS,
}
#: Chinese name of each status, as every report prints it.
LABEL = {
    OVERDUE: "逾期", NOT_MET: "未落实", DEDUCTED: "扣分", DUE_SOON: "即将到期", MET_LATE: "逾期完成", UNANSWERED: "未填写",
    NOT_APPLICABLE: "不适用", PENDING: "未到期", COMPLIANT: "达标", AWARDED: "加分", NOT_AWARDED: "未加分",
}
#: Names that differ for a standard of dated duties (a met duty is 已落实, not 达标).
DUTY_LABEL = {**LABEL, COMPLIANT: "已落实"}
#: Statuses a ``veto`` rule may not have (一票否决): a deduction, a failed duty, or no answer.
VETO_STATUSES = frozenset(s for s, v in VERDICT.items() if v in (FAILURE, DEDUCTION, UNANSWERED_VERDICT))
#: Statuses of dated duties that count against ``max_overdue``: past the deadline, or a standing duty
#: (长期, in force since the document) not met.
OVERDUE_STATUSES = frozenset({OVERDUE, NOT_MET})

#: Statuses a batch counts per unit of a standard of dated duties (its ranking table and JSON ``duties``),
#: in the order they decide a rank: failures first, then due soon, then done late.
DUTY_COUNTED = (OVERDUE, NOT_MET, DUE_SOON, MET_LATE)

#: verdict -> SARIF ``level`` (also the CI issue severity); verdicts not listed make no result.
SARIF_LEVEL = {FAILURE: "error", DEDUCTION: "warning", WARNING: "warning", UNANSWERED_VERDICT: "note"}
#: SARIF level -> GitHub workflow command.
GITHUB_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def verdict(status: str) -> str:
    """The verdict of a finding status (an unknown status from a plugin is a failure, never a pass)."""
    return VERDICT.get(status, FAILURE)


def is_failure(status: str) -> bool:
    """True for the statuses that fail a test point on their own (overdue, not met)."""
    return verdict(status) == FAILURE


def level(status: str, *, veto: bool = False) -> str | None:
    """SARIF level (``error``/``warning``/``note``) of a finding, None when it makes no result."""
    if veto and status in VETO_STATUSES:
        return "error"
    return SARIF_LEVEL.get(verdict(status))


def gitlab_severity(status: str, points: Decimal = Decimal(0), *, veto: bool = False) -> str | None:
    """Code Climate severity of a finding, None when it makes no issue."""
    lvl = level(status, veto=veto)
    if lvl is None:
        return None
    if lvl == "error":
        return "critical"
    if lvl == "note":
        return "info"
    if verdict(status) == DEDUCTION:
        return "major" if points >= 2 else "minor"
    return "minor"


def junit(status: str) -> tuple[str, str]:
    """(element, type) of a JUnit testcase: ``failure``, ``skipped`` or ``""`` for a pass."""
    v = verdict(status)
    if v in (FAILURE, DEDUCTION):
        return "failure", status if v == FAILURE else "deduction"
    if v in (UNANSWERED_VERDICT, SKIP):
        return "skipped", status
    return "", ""


def deadline(f: Finding) -> str:
    """The deadline part of a dated finding's message: ``完成时限 2022-12-31，已逾期 1431 天``."""
    parts = []
    if f.due is not None and f.due.isoformat() not in f.note:
        parts.append(f"完成时限 {f.due.isoformat()}")
    if f.note:
        parts.append(f.note)
    return "，".join(parts)


def describe(f: Finding) -> str:
    """A finding in a few words for any report: ``扣 1.4 分`` or ``逾期：完成时限 2022-12-31，已逾期 1431 天``."""
    if f.status == DEDUCTED:
        return f"扣 {fmt(f.points)} 分"
    if f.status == AWARDED:
        return f"加 {fmt(f.points)} 分"
    if f.status in (OVERDUE, NOT_MET, DUE_SOON, PENDING, MET_LATE):
        when = deadline(f)
        return f"{LABEL[f.status]}：{when}" if when else LABEL[f.status]
    return LABEL.get(f.status, f.status)


def counts(findings: "list[Finding] | tuple[Finding, ...]") -> dict[str, int]:
    """Findings per status."""
    out: dict[str, int] = {}
    for f in findings:
        out[f.status] = out.get(f.status, 0) + 1
    return out


def duty_summary(by_status: dict[str, int]) -> str:
    """``逾期 1 项、未落实 1 项、即将到期 2 项、逾期完成 1 项`` (failures and warnings only; empty when none)."""
    return "、".join(f"{LABEL[s]} {by_status[s]} 项" for s in (OVERDUE, NOT_MET, DUE_SOON, MET_LATE)
                    if by_status.get(s))
