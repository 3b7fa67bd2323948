"""A city's own submission carries its counties' intake results (湘建执函〔2020〕94号 §三: 市州指导监督
所辖县市区; the province's checks reach down to the counties).

The city runs ``ucm-check intake`` on its counties' bundles with ``--format json`` and attaches the
document to its bundle (``ucm-check bundle city.toml --attach-intake 下级收件结果.json``); it is
stored as ``intake/下级收件结果.json`` under the manifest's hashes. The province reads it back here:
one :class:`CountyResult` per county, as the city judged it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

STATUSES = ("on_time", "late", "missing", "invalid")


@attrs.frozen
class CountyResult:
    """One county as its city's intake judged it."""

    id: str
    name: str
    level: str
    status: str
    days_late: int
    final: Decimal | None
    basis: Decimal | None
    complete: bool
    overrated: bool
    as_of: dt.date | None = None
    """The assessment date of the county's counted bundle."""
    profile_text: str | None = None
    """The county's profile as it submitted it, for a spot check by the office above."""
    verified: Any = None
    """The office's own spot check of the county (:class:`~.records.Record`), when it made one."""


def counties(doc: Any) -> tuple[list[CountyResult], str]:
    """The counties in a carried intake document, or ``([], why it cannot be read)``."""
    if not isinstance(doc, dict) or doc.get("kind") != "intake" or not isinstance(doc.get("units"), list):
        return [], "不是 ucm-check intake --format json 生成的收件结果"
    out = []
    for unit in doc["units"]:
        try:
            status = str(unit["status"])
            if status not in STATUSES:
                raise ValueError(status)
            final = unit.get("final")
            basis = unit.get("basis")
            text = unit.get("profile_text")
            as_of = unit.get("as_of")
            out.append(CountyResult(str(unit["id"]), str(unit["name"]), str(unit.get("level", "")), status,
                                    int(unit.get("days_late") or 0), None if final is None else Decimal(str(final)),
                                    None if basis is None else Decimal(str(basis)), bool(unit.get("complete", True)),
                                    bool(unit.get("overrated", False)),
                                    dt.date.fromisoformat(as_of) if isinstance(as_of, str) else None,
                                    text if isinstance(text, str) else None))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return [], "收件结果中的单位记录不完整"
    return out, ""


def check_against(found: list[CountyResult], roster, city) -> list[str]:
    """Notes for carried counties the province's roster does not place under ``city``."""
    notes = []
    for c in found:
        unit = roster.find(c.name)
        if unit is None:
            notes.append(f"下级收件结果中的 “{c.name}” 不在名册中")
        elif unit.parent != city.id:
            notes.append(f"下级收件结果中的 “{c.name}” 在名册中不属于 {city.name}")
    for unit in roster.children(city.id):
        if all(roster.find(c.name) != unit for c in found):
            notes.append(f"下级收件结果中缺少名册所列的 “{unit.name}”")
    return notes


def validate(data: bytes) -> str:
    """Why ``data`` cannot be attached as a counties' intake document, or ``""``."""
    import json

    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        return f"不是有效的 JSON：{exc}"
    return counties(doc)[1]
