"""The roster (考评对象名册): every unit assessed, as a CSV file people keep in Excel or WPS.

Columns (Chinese headers, any order; extra columns are ignored)::

    单位名称,简称,组别,层级,上级单位,定额经费,纳入月份
    金水区城市管理局第一环卫所,一环卫所,专项工作组,环卫所,区城管局,1200000,
    金水区城市管理局第七环卫所,七环卫所,专项工作组,环卫所,区城管局,700000,2026-02

``组别`` names a group of the scheme (its id or its name); ``定额经费`` (元, optional) is the base
amount a funding rule moves up or down; ``纳入月份`` (optional, ``2026-02`` or ``2026年2月``) is the
first month the unit is assessed: before it the unit does not exist for the scheme (no score is
expected from any source, it is not ranked, and re-ranking an earlier month is unchanged). Every
problem is reported with file, row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping

import attrs

from ucm_check.assess.periods import BadPeriod, Period, parse_month
from ucm_check.files.fields import escaped
from ucm_check.assess.tables import Table, read_csv
from ucm_check.files.inputs import InvalidFile, ProfileError, number_problem, suggest

COLUMNS = {"name": "单位名称", "short": "简称", "group": "组别", "level": "层级", "parent": "上级单位", "base": "定额经费",
           "since": ("纳入月份", "起始月份", "考评起始月份")}
_SINCE = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$")
REQUIRED = ("name", "group")


class InvalidRoster(InvalidFile):
    """Raised with every problem found in a roster file."""


@attrs.frozen
class Unit:
    """One assessed unit."""

    name: str
    """Full name, as published."""
    short: str
    """Short name (may equal the name); sources may use either."""
    group: str
    """The scheme group id."""
    level: str = ""
    """Kind of unit: 街道办事处, 区直部门, 市直驻区, 环卫所, 执法中队 ..."""
    parent: str = ""
    """The unit it belongs to (区城管局 for an 环卫所), or empty."""
    base: Decimal | None = None
    """定额经费 in yuan, for the funding rule; None when the unit has none."""
    order: int = 0
    """Position in the roster (0-based): the order ties are listed in."""
    since: Period | None = None
    """The first month the unit is assessed; None when it always was."""

    def assessed_in(self, month: Period) -> bool:
        """True when the unit exists for the scheme in ``month`` (from its 纳入月份 on)."""
        return self.since is None or self.since <= month


@attrs.frozen
class Roster:
    """The units, in roster order, with lookup by name or short name."""

    file: str
    units: tuple[Unit, ...]

    def by_key(self) -> dict[str, Unit]:
        """Name and short name -> unit."""
        keys: dict[str, Unit] = {}
        for unit in self.units:
            keys[unit.name] = unit
            keys.setdefault(unit.short, unit)
        return keys

    def in_group(self, group: str, month: Period | None = None) -> tuple[Unit, ...]:
        """The group's units in roster order (only those assessed in ``month`` when given)."""
        return tuple(u for u in self.units if u.group == group and (month is None or u.assessed_in(month)))


def load_roster(path: str, groups: Mapping[str, str]) -> Roster:
    """Read the roster at ``path``; ``groups`` maps each group id and name to the group id."""
    return parse_roster(read_csv(path, "名册", InvalidRoster), groups)


def parse_roster(table: Table, groups: Mapping[str, str]) -> Roster:
    """Validate a roster table; raise :class:`InvalidRoster` with every problem."""
    errors: list[ProfileError] = []
    columns = table.find_columns(COLUMNS, REQUIRED, errors)
    units: list[Unit] = []
    seen: dict[str, int] = {}
    if not errors:
        for row, cells in table.data_rows():
            unit = _unit(table, row, cells, columns, groups, errors, len(units))
            if unit is None:
                continue
            for key, col in ((unit.name, columns["name"]), (unit.short, columns.get("short", columns["name"]))):
                if key in seen and seen[key] != row:
                    errors.append(table.error(row, col, f"“{key}” 与第 {seen[key]} 行的单位名称或简称重复；每个名称和简称只能指一个单位"))
                seen.setdefault(key, row)
            units.append(unit)
        if not units and not errors:
            errors.append(table.error(table.header_row, 1, "名册中没有任何单位"))
    if errors:
        raise InvalidRoster(errors)
    return Roster(table.file, tuple(units))


def _unit(table: Table, row: int, cells: list[str], columns: Mapping[str, int], groups: Mapping[str, str],
          errors: list[ProfileError], order: int) -> Unit | None:
    def cell(key: str) -> str:
        col = columns.get(key)
        return cells[col - 1].strip() if col and col <= len(cells) else ""

    name = cell("name")
    if not name:
        errors.append(table.error(row, columns["name"], "单位名称为空"))
        return None
    for key in ("name", "short"):
        if not cell(key).isprintable():
            errors.append(table.error(row, columns[key], f"{COLUMNS[key]}中有控制字符：“{escaped(cell(key))}”；请删去"))
            return None
    group_text = cell("group")
    group = groups.get(group_text)
    if group is None:
        known = sorted(set(groups))
        errors.append(table.error(row, columns["group"], f"组别 “{escaped(group_text)}” 不是考评方案中的组{suggest(group_text, known)}；可用：{'、'.join(known)}"))
        return None
    base = None
    if cell("base"):
        try:
            base = Decimal(cell("base").replace(",", ""))
        except InvalidOperation:
            base = None
        if base is None or number_problem(base) or base < 0:
            errors.append(table.error(row, columns["base"], f"定额经费应为不小于 0 的金额（元），实际为 “{escaped(cell('base'))}”"))
            return None
    since = None
    if cell("since"):
        found = _SINCE.match(cell("since"))
        try:
            since = parse_month(f"{found.group(1)}-{int(found.group(2)):02d}") if found else None
        except BadPeriod:
            since = None
        if since is None:
            errors.append(table.error(row, columns["since"], f"纳入月份应写作 2026-02 或 2026年2月（1949 到 2100 年），实际为 “{escaped(cell('since'))}”"))
            return None
    return Unit(name, cell("short") or name, group, cell("level"), cell("parent"), base, order, since)


def keys_of(units: Iterable[Unit]) -> list[str]:
    """Every name and short name, for suggestions."""
    return [k for u in units for k in dict.fromkeys((u.name, u.short))]
