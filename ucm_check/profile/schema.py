"""JSON Schema (Draft-4 keywords, so editors such as Taplo and tombi read it) for a standard's profiles.

The schema agrees with ``ucm-check check`` on the data TOML itself holds (as ``tomli``, the parser of Python's ``tomllib``,
reads it): a percentage must be a real number from 0 to 100 (``nan`` is refused), ``[evidence]``
takes only the standard's rule codes, and a date must be a TOML date — ``2021-12-31`` without
quotes. Editors that turn TOML dates into strings before validating (Taplo, check-jsonschema)
cannot tell a quoted date from a real one; for them a date is any JSON value that is no string,
number, boolean, array, object or null, which they cannot produce: such editors flag date fields,
and ``ucm-check check`` remains the judge.
"""

from __future__ import annotations

from typing import Any

from ucm_check.model import Fact, Standard
from ucm_check.profile.reading import UNIT_KEYS


def fact_schema(fact: Fact) -> dict[str, Any]:
    """The schema of one fact's answer (:meth:`ucm_check.facts.FactKind.schema`), with its description."""
    from ucm_check.facts.kinds import kind

    return {"description": f"{fact.label} / {fact.label_en}", **kind(fact.kind).schema(fact)}


def json_schema(standard: Standard) -> dict[str, Any]:
    """A schema every valid profile of ``standard`` satisfies."""
    unit = {
        "type": "object",
        "description": "被评价单位 / The unit being assessed",
        "properties": {k: {"type": "string", "minLength": 1, "description": v} for k, v in UNIT_KEYS.items()},
        "required": ["name", "level", "standard"],
        "additionalProperties": False,
    }
    unit["properties"]["submitted"].update(format="date")
    unit["properties"]["level"]["enum"] = list(standard.levels)
    unit["properties"]["standard"]["enum"] = [standard.id]
    props: dict[str, Any] = {"unit": unit}
    for area in standard.areas:
        props[area.id] = {
            "type": "object",
            "description": f"{area.number}、{area.title}（{area.max}分）/ {area.title_en}",
            "properties": {f.key: fact_schema(f) for f in area.facts},
            "additionalProperties": False,
        }
    files = {"type": "array", "minItems": 1, "items": {"oneOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "required": ["path"], "additionalProperties": False, "properties": {
            "path": {"type": "string", "minLength": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "title": {"type": "string"},
        }},
    ]}}
    props["evidence"] = {
        "type": "object",
        "description": "佐证材料：规则编号 -> 文件路径数组 / Evidence files per rule code",
        "properties": {r.code: {**files, "description": f"{r.code} {r.title}"} for a in standard.areas for r in a.rules},
        "additionalProperties": False,
    }
    from ucm_check.profile.report_table import schema as report_schema

    props["report"] = report_schema()
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": f"ucm-check profile: {standard.title}",
        "type": "object",
        "properties": props,
        "required": ["unit"],
        "additionalProperties": False,
    }
