"""Read and validate a TOML profile: a ``[unit]`` table and one table per checklist area.

Every problem in a file is collected and reported at once, in Chinese, with file, line and column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

import attrs

from ucm_check.files import inputs
from ucm_check.files.inputs import show, toml_error
from ucm_check.model import Fact, Standard
from ucm_check.files.problems import InvalidFile, ProfileError, suggest, type_name

__all__ = ["InvalidFile", "InvalidProfile", "Profile", "ProfileError", "load_profile", "parse_text", "read_text",
           "show", "suggest", "toml_error", "type_name"]

UNIT_KEYS = {
    "name": "单位名称",
    "level": "单位层级",
    "region": "所在地区",
    "period": "评价期间（如 \"2020\"）",
    "standard": "评价标准编号（ucm-check plugins 列出已加载的标准）",
    "submitted": "自评报送日期（如 2020-11-10）",
}
REQUIRED_UNIT_KEYS = ("name", "level", "standard")
#: Top-level tables other than ``unit`` and the areas, owned by other features (evidence lists ...).
EXTRA_TABLES: dict[str, str] = {"evidence": "佐证材料", "report": "自评报告"}


class InvalidProfile(InvalidFile):
    """Raised with every :class:`ProfileError` found in one profile."""


def read_text(path: str, what: str = "文件", error: type[InvalidFile] = InvalidProfile) -> str:
    """:func:`ucm_check.files.inputs.read_text` raising :class:`InvalidProfile` by default."""
    return inputs.read_text(path, what, error)


@attrs.frozen
class Profile:
    """A validated profile."""

    file: str
    unit: Mapping[str, Any]
    facts: Mapping[str, Mapping[str, Any]]
    """Area id -> fact key -> value (bools, ints, Decimals, strings, tuples of strings)."""
    extra: Mapping[str, Any]
    """Other top-level tables, e.g. ``evidence``."""
    text: str
    """The file's text, for locating keys in later reports."""

    @property
    def standard_id(self) -> str:
        return str(self.unit["standard"])

    def get(self, path: str) -> Any:
        """A fact by its ``area.key`` path, or None."""
        area, _, key = path.partition(".")
        return self.facts.get(area, {}).get(key)


def check_fact(fact: Fact, value: Any) -> tuple[Any, str]:
    """``(normalised value, "")`` if ``value`` suits ``fact``, else ``(None, Chinese message)``
    (:meth:`ucm_check.facts.FactKind.check`)."""
    from ucm_check.facts.kinds import kind

    return kind(fact.kind).check(fact, value)


_BY_KEY: dict[int, tuple[Any, dict[str, Fact]]] = {}


def _facts_by_key(area: Any) -> dict[str, Fact]:
    """The area's facts by key, built once per area (a batch validates thousands of profiles)."""
    kept = _BY_KEY.get(id(area))
    if kept is None or kept[0] is not area:
        kept = _BY_KEY[id(area)] = (area, {f.key: f for f in area.facts})
    return kept[1]


def parse_text(file: str, text: str, standards: Mapping[str, Standard]) -> Profile:
    """Validate profile ``text`` (from ``file``); raise :class:`InvalidProfile` with every problem."""
    data = inputs.load_toml(file, text, InvalidProfile)
    errors: list[ProfileError] = []

    def err(path: tuple[str, ...], message: str, *, value: bool = False) -> None:
        from ucm_check.files.locate import locate

        line, col = locate(text, path, value=value)
        errors.append(ProfileError(file, line, col, message))

    unit = data.get("unit")
    standard: Standard | None = None
    if not isinstance(unit, dict):
        err(("unit",), "缺少 [unit] 表（单位名称 name、层级 level、评价标准 standard 等）")
        unit = {}
    for key, value in unit.items():
        if key not in UNIT_KEYS:
            err(("unit", key), f"[unit] 中有未知字段 “{key}”{suggest(key, list(UNIT_KEYS))}")
        elif key == "submitted":
            from ucm_check.dated.bounds import problem

            if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and problem(value):
                err(("unit", key), f"unit.submitted（自评报送日期）：{problem(value)}", value=True)
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                unit[key] = value.isoformat()  # kept as text, like every other [unit] value
            else:
                err(("unit", key), f"unit.submitted（自评报送日期）应为日期，写作 2020-11-10（不加引号），实际为{type_name(value)} {show(value)}", value=True)
        elif not isinstance(value, str) or not value.strip():
            err(("unit", key), f"unit.{key}（{UNIT_KEYS[key]}）应为非空字符串，实际为{type_name(value)} {show(value)}", value=True)
    if isinstance(unit, dict) and "unit" in data:
        for key in REQUIRED_UNIT_KEYS:
            if key not in unit:
                err(("unit",), f"[unit] 缺少必填字段 {key}（{UNIT_KEYS[key]}）")
    sid = unit.get("standard")
    if isinstance(sid, str) and sid:
        standard = standards.get(sid)
        if standard is None:
            known = "、".join(sorted(standards)) or "（无：没有加载任何标准插件）"
            err(("unit", "standard"), f"未知的评价标准 “{sid}”{suggest(sid, list(standards))}；可用：{known}", value=True)
    level = unit.get("level")
    if standard and isinstance(level, str) and level not in standard.levels:
        from ucm_check.engine.levels import did_you_mean, extra_tiers

        hint = did_you_mean(level, standard.levels, extra_tiers(standards.values()))
        err(("unit", "level"), f"单位层级应为以下之一：{'、'.join(standard.levels)}，实际为 “{level}”{hint}", value=True)

    from ucm_check.facts.kinds import kind

    facts: dict[str, dict[str, Any]] = {}
    extra: dict[str, Any] = {}
    known_tables = ["unit", *EXTRA_TABLES, *(a.id for a in standard.areas)] if standard else None
    for table, body in data.items():
        if table == "unit":
            continue
        if table in EXTRA_TABLES:
            extra[table] = body
            if table == "evidence" and standard is not None:
                from ucm_check.profile.evidence_table import validate_table

                validate_table(body, standard, lambda path, msg: err(("evidence", *path), msg))
            elif table == "report":
                from ucm_check.profile.report_table import validate_table as validate_report

                validate_report(body, lambda path, msg: err(("report", *path), msg))
            continue
        if known_tables is None:
            continue  # without a standard the areas cannot be checked
        area = standard.area(table) if standard else None
        if area is None:
            err((table,), f"未知的表 [{table}]{suggest(table, known_tables)}；可用：{'、'.join(known_tables)}")
            continue
        if not isinstance(body, dict):
            err((table,), f"{table} 应为表 [{table}]，实际为{type_name(body)}")
            continue
        by_key = _facts_by_key(area)
        values: dict[str, Any] = {}
        for key, value in body.items():
            fact = by_key.get(key)
            if fact is None:
                err((table, key), f"[{table}]（{area.title}）中有未知字段 “{key}”{suggest(key, list(by_key))}")
                continue
            normal, problem = kind(fact.kind).check(fact, value)
            if problem:
                err((table, key), f"{table}.{key} {problem}", value=True)
            else:
                values[key] = normal
        facts[table] = values
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidProfile(errors)
    return Profile(file, dict(unit), facts, extra, text)


def load_profile(path: str, standards: Mapping[str, Standard]) -> Profile:
    """Read ``path`` (UTF-8, a BOM allowed) and validate it; raise :class:`InvalidProfile`."""
    return parse_text(path, read_text(path), standards)
