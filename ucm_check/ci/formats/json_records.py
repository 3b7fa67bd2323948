"""The compact JSON of one checked profile, written from the result record by record instead of
building the dict tree of :func:`ucm_check.ci.formats.json.profile_dict` and encoding it.

The text is byte-identical to ``dumps(profile_dict(r), pretty=False)`` (tests/ci/test_reference_outputs.py
compares every format with the old code's output): what never changes between profiles (a rule's
code, title and clause; an area's id, number, titles, kind and maximum) is encoded once per run, and
only the values of each finding are encoded per profile.
"""

from __future__ import annotations

import json
import weakref
from json.encoder import encode_basestring as text
from typing import Any

from ucm_check.model import NOT_APPLICABLE, UNANSWERED, AreaResult, Finding, ProfileResult
from ucm_check.numbers import json_number

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_RULES: dict[int, tuple[Any, str]] = {}
_AREAS: dict[int, tuple[Any, str]] = {}
_NUMBERS: dict[Any, str] = {}
_FINDINGS: dict[tuple[Any, ...], tuple[Any, str]] = {}
_AREA_TEXTS: dict[int, tuple[weakref.ref[AreaResult], str]] = {}


def _any(value: Any) -> str:
    """A string fast; anything else a plugin put there as the encoder writes it."""
    return text(value) if type(value) is str else _COMPACT(value)


def number(value: Any) -> str:
    """A decimal as :func:`~ucm_check.numbers.json_number` writes it, cached: scores repeat."""
    found = _NUMBERS.get(value)
    if found is None:
        found = _COMPACT(json_number(value))
        if len(_NUMBERS) < 4096:
            _NUMBERS[value] = found
    return found


def _rule_head(f: Finding) -> str:
    rule = f.rule
    kept = _RULES.get(id(rule))
    if kept is None or kept[0] is not rule:
        kept = _RULES[id(rule)] = (rule, _COMPACT({"code": rule.code, "title": rule.title, "clause": rule.clause.path})[:-1])
    return kept[1]


def finding_json(f: Finding) -> str:
    """``finding_dict(f)`` encoded compactly; a finding whose values were written before is looked up
    (a batch repeats the same few findings per rule: compliant, unanswered, the usual deductions)."""
    observed = f.observed
    # the type too: True == 1 and 1 == 1.0 hash alike but are written true, 1 and 1.0
    key = (id(f.rule), f.status, type(observed), observed, f.points, f.recoverable, f.note, f.due)
    try:
        kept = _FINDINGS.get(key)
    except TypeError:  # an unhashable value a plugin observed (a list): written each time
        return _finding_text(f)
    if kept is None or kept[0] is not f.rule:  # a new rule at a freed rule's address is not that rule
        kept = (f.rule, _finding_text(f))
        if len(_FINDINGS) < 16384:
            _FINDINGS[key] = kept
    return kept[1]


def _finding_text(f: Finding) -> str:
    due = "null" if not f.due else text(f.due.isoformat())
    return (f'{_rule_head(f)},"status":{_any(f.status)},"observed":{_any(f.observed)},"points":{number(f.points)},'
            f'"recoverable":{number(f.recoverable)},"note":{_any(f.note)},"due":{due}}}')


def _area_head(a: AreaResult) -> str:
    area = a.area
    kept = _AREAS.get(id(area))
    if kept is None or kept[0] is not area:
        head = {"id": area.id, "number": area.number, "title": area.title, "title_en": area.title_en,
                "kind": "bonus" if area.bonus else "deduction", "max": json_number(area.max)}
        kept = _AREAS[id(area)] = (area, _COMPACT(head)[:-1])
    return kept[1]


def area_json(a: AreaResult) -> str:
    """One entry of ``areas`` in :func:`~ucm_check.ci.formats.json.profile_dict`, encoded compactly.

    The scoring engine hands out the same (frozen) result for an area answered alike, so its text
    is kept while that result lives (a weak reference: a profile's own results are not held)."""
    kept = _AREA_TEXTS.get(id(a))
    if kept is not None and kept[0]() is a:
        return kept[1]
    written = _area_text(a)
    _AREA_TEXTS[id(a)] = (weakref.ref(a, lambda _, key=id(a): _AREA_TEXTS.pop(key, None)), written)
    return written


def _area_text(a: AreaResult) -> str:
    findings = ",".join([finding_json(f) for f in a.findings])
    return (f'{_area_head(a)},"score":{number(a.score)},"points":{number(a.points)},'
            f'"unanswered":{a.count(UNANSWERED)},"not_applicable":{a.count(NOT_APPLICABLE)},'
            f'"error":{_any(a.error)},"findings":[{findings}]}}')


def profile_json(r: ProfileResult, errors: list[dict[str, Any]] | None = None) -> str:
    """``dumps(profile_dict(r), pretty=False)`` (with ``errors`` in place of the empty list)."""
    head = _COMPACT(profile_head(r))[:-1]
    areas = ",".join([area_json(a) for a in r.areas])
    tail = _COMPACT({"gaps": [f.rule.code for f in r.gaps()], "errors": errors or []})[1:]
    return f'{head},"areas":[{areas}],{tail}'


def _submission(r: ProfileResult) -> dict[str, Any] | None:
    from ucm_check.dated.submission import of_result

    found = of_result(r)
    return found.as_dict() if found else None


def profile_head(r: ProfileResult) -> dict[str, Any]:
    """The keys of :func:`ucm_check.ci.formats.json.profile_dict` before ``areas`` (the counts from
    each area's tally, the further-deduction bound worked out once: a batch writes one per profile)."""
    findings = unanswered = not_applicable = 0
    for a in r.areas:
        findings += len(a.findings)
        unanswered += a.count(UNANSWERED)
        not_applicable += a.count(NOT_APPLICABLE)
    total, further, further_bonus = r.total, r.max_further_deduction, r.max_further_bonus
    return {
        "file": r.file,
        "valid": True,
        "unit": dict(r.unit),
        "standard": {"id": r.standard.id, "title": r.standard.title, "document": r.standard.document,
                     "scored": r.standard.scored},
        "submission": _submission(r),
        "total": json_number(total),
        "deducted": json_number(r.deducted),
        "bonus": json_number(r.bonus),
        "base": json_number(r.standard.base),
        "bonus_max": json_number(r.standard.bonus_max),
        "completeness": {
            "complete": r.complete,
            "answered": findings - unanswered - not_applicable,
            "applicable": findings - not_applicable,
            "unanswered": len(r.unanswered),
            "max_further_deduction": json_number(further),
            "max_further_bonus": json_number(further_bonus),
            "lowest_total": json_number(total - further),
            "highest_total": json_number(total + further_bonus),
        },
    }
