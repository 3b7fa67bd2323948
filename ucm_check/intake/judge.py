"""Judge one valid submission: re-score it with the inspector's verified facts and the survey,
as the roster's scheme says, and reduce it to a compact :class:`~.records.Record`."""

from __future__ import annotations

from typing import Any

from decimal import Decimal

import attrs

from ucm_check.engine.host import Host
from ucm_check.intake.records import Record
from ucm_check.intake.scheme import Scheme
from ucm_check.intake.social import Social
from ucm_check.intake.spotcheck import SpotCheck
from ucm_check.intake.submission import Submission
from ucm_check.model import DEDUCTED, NOT_APPLICABLE, NOT_MET, OVERDUE, UNANSWERED, ProfileResult


def rescore(sub: Submission, overrides: dict[str, dict], host: Host,
            remove: tuple[str, str] | None = None) -> ProfileResult:
    """The unit re-scored with ``overrides`` (area -> key -> value) in place of its own facts."""
    from ucm_check.profile.checking import score

    facts = {area: dict(values) for area, values in sub.profile.facts.items()}
    for area, values in overrides.items():
        facts.setdefault(area, {}).update(values)
    if remove:
        facts.get(remove[0], {}).pop(remove[1], None)
    return score(attrs.evolve(sub.profile, facts=facts), host, as_of=sub.as_of)


def judge(record: Record, sub: Submission, check: SpotCheck | None, social: Social | None,
          scheme: Scheme, host: Host) -> None:
    """Fill ``record`` from a valid submission, its spot check and its social evaluation."""
    from ucm_check.intake.spotcheck import compare

    own = sub.result
    record.self_total, record.self_complete = own.total, own.complete
    verified = rescore(sub, dict(check.facts), host) if check else own
    record.verified_total, record.check = verified.total, check
    overrides = {a: dict(v) for a, v in (check.facts.items() if check else ())}
    area, _, key = scheme.social_fact.partition(".")
    remove = None
    if scheme.social == "fact":
        if social is not None:
            overrides.setdefault(area, {})[key] = social.satisfaction_rate
        else:
            remove = (area, key)
            record.notes.append(f"缺社会评价：按评价办法以社会满意度调查为准，{_label(own, area, key)}视为未填写")
    final = rescore(sub, overrides, host, remove) if (overrides or remove) else own
    record.social = social
    record.diffs = compare(own, verified, check) if check else []
    if final is not own and final is not verified:
        record.diffs += compare(verified, final, None, "社会评价")
    record.complete = final.complete
    if scheme.social == "weight":
        record.final, record.basis = blend(final, social, scheme)
        if social is None:
            record.complete = False
            record.notes.append("缺社会评价：社会评价部分按 0 计，结果不完整")
    else:
        record.final, record.basis = final.total, final.lowest_total
    if not final.standard.scored:
        _duties(record, final)
        return
    bonus = {a.area.id for a in final.areas if a.area.bonus}
    record.deducted = {f.rule.code: f.points for f in final.findings if f.status == DEDUCTED and f.area not in bonus}
    record.unassessed = frozenset(f.rule.code for f in final.findings if f.area not in bonus
                                  and f.status in (UNANSWERED, NOT_APPLICABLE, "error"))


def blend(final: ProfileResult, social: Social | None, scheme: Scheme) -> tuple[Decimal, Decimal]:
    """(final, what ranks) under ``social = "weight"``: the shared weighted composite
    (:func:`ucm_check.assess.composite.weighted_composite`, exact, rounded once half up to two
    places) of the verified total and the surveyed rate; a missing survey counts 0, and what ranks
    is then built from the lowest possible total."""
    from ucm_check.assess.composite import weighted_composite

    weights = [("self", (1 - scheme.social_weight) * 100), ("social", scheme.social_weight * 100)]
    rate = social.satisfaction_rate if social is not None else Decimal(0)
    value = weighted_composite({"self": final.total, "social": rate}, weights).value
    lowest = weighted_composite({"self": final.lowest_total, "social": rate}, weights).value
    return value, lowest


def _duties(record: Record, final: ProfileResult) -> None:
    """A standard of dated duties has no points: the record keeps the findings per status, the
    duties that failed, and no score (a total of 0 would read as the worst possible result)."""
    from ucm_check.engine.status import counts

    record.duties = counts(final.findings)
    record.failed = tuple(f.rule.code for f in final.findings if f.status in (OVERDUE, NOT_MET))
    record.self_total = record.verified_total = record.final = record.basis = None


def _label(result: Any, area: str, key: str) -> str:
    """The question a fact asks (满意度), as the standard words it; the key only when no area has it."""
    for a in getattr(result, "areas", ()):
        if a.area.id == area:
            for fact in a.area.facts:
                if fact.key == key:
                    return f"“{fact.label}”"
    return f"{area}.{key} "
