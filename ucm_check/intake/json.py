"""The intake as one JSON document (``ucm-check intake --format json``); the contract is in
docs/json.md, section “Intake report”. Scores are exact decimals written as JSON numbers."""

from __future__ import annotations

import json
from typing import Any

from ucm_check import __version__
from ucm_check.intake import results
from ucm_check.intake.records import Intake, Record
from ucm_check.numbers import json_number

SCHEMA_VERSION = 1


def _n(value) -> Any:
    return None if value is None else json_number(value)


def record_json(r: Record, rank: int | None, intake: Intake) -> dict[str, Any]:
    """One unit's entry."""
    scheme = intake.roster.scheme
    doc: dict[str, Any] = {
        "id": r.unit.id, "name": r.unit.name, "level": r.unit.level, "parent": r.unit.parent or None,
        "status": r.status, "file": r.file or None, "as_of": r.as_of.isoformat() if r.as_of else None,
        "deadline": r.deadline.isoformat() if r.deadline else None, "days_late": r.days_late,
        "reasons": r.reasons, "other_files": r.others,
        "self_total": _n(r.self_total), "verified_total": _n(r.verified_total), "final": _n(r.final),
        "basis": _n(r.basis), "complete": r.complete, "rank": rank,
        "overrated": r.overrated(scheme), "difference": _n(r.difference), "notes": r.notes,
        "deducted": {code: _n(p) for code, p in r.deducted.items()},
        "duties": dict(r.duties) if r.duties else None, "failed": list(r.failed), "profile_text": r.profile_text,
        "check": None, "social": None,
        "counties": [county_json(c, scheme) for c in r.counties],
    }
    if r.check is not None:
        doc["check"] = {"file": r.check.file, "inspectors": list(r.check.inspectors), "date": r.check.date.isoformat(),
                        "notes": r.check.notes}
    if r.social is not None:
        doc["social"] = {"file": r.social.file, "satisfaction_rate": _n(r.social.satisfaction_rate),
                         "respondents": r.social.respondents, "method": r.social.method, "surveyor": r.social.surveyor,
                         "date": r.social.date.isoformat() if r.social.date else None}
    doc["rules"] = [{"code": d.code, "title": d.title, "area": d.area, "self_score": _n(d.self_score),
                     "verified_score": _n(d.verified_score), "difference": _n(d.difference),
                     "self_observed": d.self_observed, "verified_observed": d.verified_observed, "note": d.note,
                     "source": d.source}
                    for d in r.diffs]
    return doc


def county_json(c, scheme) -> dict[str, Any]:
    """A county carried in a city's bundle; with the office's own spot check when it made one."""
    doc = {"id": c.id, "name": c.name, "level": c.level, "status": c.status, "days_late": c.days_late,
           "final": _n(c.final), "basis": _n(c.basis), "complete": c.complete, "overrated": c.overrated,
           "check": None}
    v = c.verified
    if v is not None:
        doc["check"] = {"file": v.check.file, "inspectors": list(v.check.inspectors), "date": v.check.date.isoformat(),
                        "notes": v.check.notes, "self_total": _n(v.self_total), "verified_total": _n(v.verified_total),
                        "difference": _n(v.difference), "overrated": v.overrated(scheme),
                        "rules": [{"code": d.code, "title": d.title, "self_score": _n(d.self_score),
                                   "verified_score": _n(d.verified_score), "difference": _n(d.difference),
                                   "self_observed": d.self_observed, "verified_observed": d.verified_observed,
                                   "note": d.note} for d in v.diffs]}
    return doc


def intake_json(intake: Intake) -> dict[str, Any]:
    """The whole document as Python data."""
    ranks = {id(r): rank for rank, r in results.ranked(intake)}
    roster = intake.roster
    stats = results.rule_stats(intake)
    s = roster.scheme
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "intake",
        "tool": {"name": "ucm-check", "version": __version__},
        "roster": {"file": roster.file, "title": roster.title, "office": roster.office, "standard": roster.standard,
                   "deadline": roster.deadline.isoformat()},
        "office": intake.office or None,
        "as_of": intake.as_of.isoformat(),
        "scheme": {"overrate_margin": _n(s.overrate_margin), "praise_min": _n(s.praise_min),
                   "criticise_below": _n(s.criticise_below), "criticise_missing": s.criticise_missing,
                   "criticise_late": s.criticise_late, "social": s.social, "social_fact": s.social_fact,
                   "social_weight": _n(s.social_weight), "top_issues": s.top_issues,
                   "criticise_failures": s.criticise_failures, "praise_max_failures": s.praise_max_failures},
        "scored": results.scored(intake),
        "counts": intake.counts(),
        "units": [record_json(r, ranks.get(id(r)), intake) for r in intake.records],
        "ranking": [{"rank": rank, "id": r.unit.id, "name": r.unit.name, "basis": _n(r.basis)}
                    for rank, r in results.ranked(intake)],
        "county_ranking": [{"rank": rank, "id": c.id, "name": c.name, "city": r.unit.id, "basis": _n(c.basis)}
                           for rank, r, c in results.county_ranking(intake)],
        "rules": [{"code": x.code, "title": x.title, "area": x.area, "max": _n(x.max_points), "units_lost": x.units_lost,
                   "assessed": x.assessed, "total_lost": _n(x.total_lost), "mean_lost": _n(x.mean_lost),
                   "lost_by": list(x.lost_by)} for x in stats],
        "common_issues": [x.code for x in results.common_issues(stats, s.top_issues)],
        "praise": [{"id": r.unit.id, "name": r.unit.name, "reason": why, "individuals": list(r.unit.individuals)}
                   for r, why in results.praise(intake)],
        "criticise": [{"id": r.unit.id, "name": r.unit.name, "reason": why} for r, why in results.criticise(intake)],
        "stray": [{"file": f, "reason": why} for f, why in intake.stray],
        "errors": [str(e) for e in intake.errors],
    }


def render_json(intake: Intake) -> str:
    """The document as indented UTF-8 text."""
    return json.dumps(intake_json(intake), ensure_ascii=False, indent=2) + "\n"
