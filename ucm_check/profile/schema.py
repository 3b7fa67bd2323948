"""JSON Schema (Draft-4 keywords, so editors such as Taplo and tombi read it) for a standard's profiles.

The schema agrees with ``ucm-check check`` on the data TOML itself holds (as Python's ``tomllib``
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


#: Passed by every real number once, by NaN twice (see :func:`fact_schema`).
_NOT_NAN = [{"minimum": 50}, {"maximum": 50, "exclusiveMaximum": True}]
#: Refuses every JSON type: what only a TOML date (``datetime.date`` under tomllib) passes.
NOT_JSON = {"not": {"type": ["string", "number", "boolean", "array", "object", "null"]}}


def fact_schema(fact: Fact) -> dict[str, Any]:
    base: dict[str, Any] = {"description": f"{fact.label} / {fact.label_en}"}
    if fact.kind == "bool":
        base["type"] = "boolean"
    elif fact.kind == "count":
        base.update(type="integer", minimum=0)
    elif fact.kind == "percent":
        # NaN passes every minimum/maximum (its comparisons are all false) and so passes both halves
        # of this oneOf, which exactly one real number passes: it is refused, as the CLI refuses it.
        base.update(type="number", minimum=0, maximum=100, oneOf=_NOT_NAN)
    elif fact.kind == "date":
        base.update(NOT_JSON)  # a TOML date, never a quoted string
    elif fact.kind == "reports":
        kind = fact.options[0] if fact.options else "year"
        pattern = {"year": "^[0-9]{4}$", "quarter": "^[0-9]{4}-[Qq][1-4]$", "month": "^[0-9]{4}-(0[1-9]|1[0-2])$"}[kind]
        base["oneOf"] = [
            {"type": "object", "properties": {"since": NOT_JSON}, "patternProperties": {pattern: NOT_JSON},
             "additionalProperties": False},
            dict(NOT_JSON, description="旧写法：只有最近一次报送日期"),
        ]
    elif fact.kind == "choice":
        base.update(type="string", enum=list(fact.options))
    else:
        base.update(type="array", items={"type": "string", "enum": list(fact.options)}, uniqueItems=True)
    return base


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
