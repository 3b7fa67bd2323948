"""The JSON report: one document per run, shape documented in ``docs/json.md`` (schema_version 1).

Scores are exact decimals written as JSON numbers (95.9, never 95.89999999999999).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Iterable, Iterator

from ucm_check import __version__
from ucm_check.model import NOT_APPLICABLE, UNANSWERED, Finding, ProfileResult, Rule
from ucm_check.numbers import json_number as num
from ucm_check.ci.formats.json_records import profile_head, profile_json
from ucm_check.profile.reading import ProfileError

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
        "due": f.due.isoformat() if f.due else None,
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
    """One valid profile of the document (the compact batch path writes the same text record by
    record: :mod:`ucm_check.ci.formats.json_records`)."""
    return {
        **profile_head(r),
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


def gate_dict(g: Any) -> dict[str, Any]:
    """One applied gate (:class:`~ucm_check.ci.policy.GateResult`)."""
    d: dict[str, Any] = {
        "file": g.file, "gate": g.gate, "threshold": num(Decimal(g.threshold)), "value": num(Decimal(g.value)),
        "passed": g.passed, "shortfall": num(Decimal(g.shortfall)), "message": g.message,
    }
    if g.area:
        d["area"] = g.area
    if g.rules:
        d["rules"] = list(g.rules)
    return d


def outcome_dict(o: Any) -> dict[str, Any]:
    """A profile of a batch (:class:`~ucm_check.ci.batch.Outcome`), errors in other files (its plan) included."""
    c = o.checked
    if c.result is None:
        return invalid_dict(c.file, c.errors)
    d = profile_dict(c.result)
    if o.extra_errors:
        d["errors"] = [{"file": e.file, "line": e.line, "column": e.column, "message": e.message} for e in o.extra_errors]
    return d


def ranking_items(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The ranked summary, one entry at a time: valid profiles best first, standard by standard and
    level by level (``rank`` counts within the group), with area scores; for a standard of dated duties,
    ``duties`` counts overdue, not met, due soon and met late (:data:`~ucm_check.engine.status.DUTY_COUNTED`)."""
    from ucm_check.engine.status import DUTY_COUNTED

    from ucm_check.ci.formats.summary import ranked

    for rank, r in ranked(list(rows)):
        item = {"rank": rank, "file": r.file, "unit": r.unit, "standard": r.standard, "level": r.level, "total": num(r.total),
                "lowest_total": num(r.lowest), "complete": r.complete, "gates_failed": list(r.gates_failed),
                "areas": {aid: (None if s is None else num(s)) for aid, _, s in r.areas}}
        if not r.scored:
            item["duties"] = dict(zip(DUTY_COUNTED, r.duties))
        yield item


class Writer:
    """Streams the document: each profile is written as it is checked, the rest at the end.

    Same keys as :func:`document` plus ``as_of``, ``policy`` and ``ranking``. ``exit_code`` and
    ``rules`` come after ``profiles`` because they are known only then (JSON key order carries no
    meaning). Pretty when ``pretty``; otherwise compact with one profile per line.
    """

    def __init__(self, out: Any, run: Any, *, pretty: bool = False):
        self.out = out
        self.pretty = pretty
        self.gates: list[dict[str, Any]] = []
        self.standards: dict[str, Any] = {}
        self.first = True
        policy = run.policy
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "ucm-check", "version": __version__},
            "as_of": run.as_of.isoformat(),
            "policy": {"file": policy.file, "name": policy.name} if policy is not None and policy.file else None,
        }
        if run.policy_errors:
            head["policy"] = {"file": run.policy_errors[0].file, "name": "", "valid": False,
                              "errors": [{"line": e.line, "column": e.column, "message": e.message}
                                         for e in run.policy_errors]}
        stopped = [*run.policy_errors, *run.input_errors]
        if stopped:
            head["errors"] = [{"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                              for e in stopped]
        text = dumps(head, pretty=pretty)[:-1].rstrip()
        self.out.write(text + (',\n  "profiles": [' if pretty else ',"profiles":['))

    def add(self, o: Any) -> None:
        self.gates.extend(gate_dict(g) for g in o.gates)
        if o.checked.result is not None:
            self.standards.setdefault(o.checked.result.standard.id, o.checked.result)
        result = o.checked.result
        if result is not None and not self.pretty:  # records straight to text, no dict tree
            body = profile_json(result, [{"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                                         for e in o.extra_errors])
        else:
            body = dumps(outcome_dict(o), pretty=self.pretty)
        sep = "" if self.first else ","
        self.out.write(sep + ("\n    " + body.replace("\n", "\n    ") if self.pretty else "\n" + body))
        self.first = False

    def finish(self, run: Any) -> None:
        tail = {
            "exit_code": run.exit_code,
            "rules": rules_of(self.standards.values()),
            "plugin_errors": [{"plugin": e.plugin, "hook": e.hook, "error": e.error} for e in run.plugin_errors],
            "gates": self.gates,
        }
        close = ("\n  ]" if self.pretty else "\n]") if not self.first else "]"
        rest = dumps(tail, pretty=self.pretty)[1:].rstrip()[:-1].rstrip()  # without the closing brace
        self.out.write(close + "," + ("\n" + rest.lstrip("\n") if self.pretty else rest) + ",")
        self.out.write('\n  "ranking": [' if self.pretty else '"ranking":[')
        for i, item in enumerate(ranking_items(run.rows)):  # streamed: 10,000 entries are never one list
            text = dumps(item, pretty=self.pretty)
            self.out.write(("," if i else "") + ("\n    " + text.replace("\n", "\n    ") if self.pretty else "\n" + text))
        self.out.write(("\n  ]\n}" if self.pretty and run.rows else "]\n}" if self.pretty else "]}") + "\n")
