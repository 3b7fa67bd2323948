"""The JSON report: one document per run, shape documented in ``docs/json.md`` (schema_version 1).

Scores are exact decimals written as JSON numbers (95.9, never 95.89999999999999).
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ucm_check import __version__
from ucm_check.model import NOT_APPLICABLE, UNANSWERED, Finding, ProfileResult, Rule
from ucm_check.numbers import json_number as num
from ucm_check.profile import ProfileError

SCHEMA_VERSION = 1


def rule_dict(rule: Rule) -> dict[str, Any]:
    """What never changes between profiles: written once per run under ``rules``."""
    return {
        "title": rule.title,
        "clause": {"document": rule.clause.document, "path": rule.clause.path, "text": str(rule.clause)},
        "max": num(rule.max_points),
        "text": rule.text,
        "reading": rule.reading,
        "remedy": rule.remedy,
        "tailored": list(rule.tailored),
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    rule = f.rule
    return {
        "code": rule.code,
        "title": rule.title,
        "clause": rule.clause.path,
        "status": f.status,
        "observed": f.observed,
        "points": num(f.points),
        "recoverable": num(f.recoverable),
        "note": f.note,
    }


def rules_of(results: Iterable[ProfileResult]) -> dict[str, dict[str, Any]]:
    """The ``rules`` map for every rule the results mention."""
    rules: dict[str, dict[str, Any]] = {}
    standards = {r.standard.id: r.standard for r in results}
    for standard in standards.values():
        for area in standard.areas:
            for rule in area.rules:
                rules.setdefault(rule.code, rule_dict(rule))
    return rules


def profile_dict(r: ProfileResult) -> dict[str, Any]:
    answered = sum(1 for f in r.findings if f.status not in (UNANSWERED, NOT_APPLICABLE))
    applicable = sum(1 for f in r.findings if f.status != NOT_APPLICABLE)
    return {
        "file": r.file,
        "valid": True,
        "unit": dict(r.unit),
        "standard": {"id": r.standard.id, "title": r.standard.title, "document": r.standard.document},
        "total": num(r.total),
        "deducted": num(r.deducted),
        "bonus": num(r.bonus),
        "base": num(r.standard.base),
        "bonus_max": num(r.standard.bonus_max),
        "completeness": {
            "complete": r.complete,
            "answered": answered,
            "applicable": applicable,
            "unanswered": len(r.unanswered),
            "max_further_deduction": num(r.max_further_deduction),
            "max_further_bonus": num(r.max_further_bonus),
            "lowest_total": num(r.lowest_total),
            "highest_total": num(r.total + r.max_further_bonus),
        },
        "areas": [
            {
                "id": a.area.id,
                "number": a.area.number,
                "title": a.area.title,
                "title_en": a.area.title_en,
                "kind": "bonus" if a.area.bonus else "deduction",
                "max": num(a.area.max),
                "score": num(a.score),
                "points": num(a.points),
                "unanswered": a.count(UNANSWERED),
                "not_applicable": a.count(NOT_APPLICABLE),
                "error": a.error,
                "findings": [finding_dict(f) for f in a.findings],
            }
            for a in r.areas
        ],
        "gaps": [f.rule.code for f in r.gaps()],
        "errors": [],
    }


def invalid_dict(file: str, errors: Iterable[ProfileError]) -> dict[str, Any]:
    return {
        "file": file,
        "valid": False,
        "errors": [{"line": e.line, "column": e.column, "message": e.message} for e in errors],
    }


def document(profiles: list[dict[str, Any]], *, exit_code: int, plugin_errors: Iterable[Any] = (),
             gates: list[dict[str, Any]] | None = None, rules: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ucm-check", "version": __version__},
        "exit_code": exit_code,
        "profiles": profiles,
        "rules": rules or {},
        "plugin_errors": [{"plugin": e.plugin, "hook": e.hook, "error": e.error} for e in plugin_errors],
        "gates": gates or [],
    }


def dumps(doc: dict[str, Any], *, pretty: bool = True) -> str:
    """The document as text; ``pretty=False`` is compact and several times faster (C encoder)."""
    if pretty:
        return json.dumps(doc, ensure_ascii=False, indent=2)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
