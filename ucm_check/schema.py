"""JSON Schema (Draft-4 keywords, so editors such as Taplo and tombi read it) for a standard's profiles."""

from __future__ import annotations

from typing import Any

from ucm_check.model import Fact, Standard
from ucm_check.profile import UNIT_KEYS


def fact_schema(fact: Fact) -> dict[str, Any]:
    base: dict[str, Any] = {"description": f"{fact.label} / {fact.label_en}"}
    if fact.kind == "bool":
        base["type"] = "boolean"
    elif fact.kind == "count":
        base.update(type="integer", minimum=0)
    elif fact.kind == "percent":
        base.update(type="number", minimum=0, maximum=100)
    elif fact.kind == "date":
        base.update(type="string", format="date")
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
    props["evidence"] = {
        "type": "object",
        "description": "佐证材料：规则编号 -> 文件路径数组 / Evidence files per rule code",
        "additionalProperties": {"type": "array", "minItems": 1, "items": {"oneOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "required": ["path"], "additionalProperties": False, "properties": {
                "path": {"type": "string", "minLength": 1},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "title": {"type": "string"},
            }},
        ]}},
    }
    from ucm_check.report_table import schema as report_schema

    props["report"] = report_schema()
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": f"ucm-check profile: {standard.title}",
        "type": "object",
        "properties": props,
        "required": ["unit"],
        "additionalProperties": False,
    }
