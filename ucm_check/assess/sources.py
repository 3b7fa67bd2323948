"""Source scores for one month, from the CSV or xlsx a source sends, matched to the roster.

A file needs a unit column (单位名称 / 单位 / 被考评单位 / 考评对象 / 简称 ...) and a score column
(得分 / 分数 / 考评得分 / 综合得分 ...); an optional period column (期间 / 考评月份 ...) must name the
month being imported. A unit the source did not assess is written ``缺评`` (the scheme's missing-source
rule then applies); a blank score is an error, never a zero. Unknown, duplicate and missing units,
scores outside the source's range and the wrong month are all reported with file, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

import attrs

from ucm_check.assess.periods import Period
from ucm_check.files.fields import escaped
from ucm_check.assess.roster import Roster, Unit, keys_of
from ucm_check.assess.scheme import Source
from ucm_check.assess.tables import Table, read_table
from ucm_check.files.inputs import InvalidFile, ProfileError, number_problem, suggest

UNIT_HEADERS = ("单位名称", "单位", "被考评单位", "考评对象", "责任单位", "名称", "简称")
SCORE_HEADERS = ("得分", "分数", "考评得分", "综合得分", "成绩", "分值")
PERIOD_HEADERS = ("期间", "考评期间", "考评月份", "考核月份", "月份")
MISSING_MARKS = ("缺评", "未考评")
MAX_PLACES = 6
"""Decimals a score may have (the scheme rounds composites to at most 6)."""
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_PLAIN = re.compile(r"[0-9]{1,9}(\.[0-9]{1,6})?")
"""A score written plainly (ASCII digits, at most 6 decimals, no sign or spaces): read directly."""
_MONTH_TEXT = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$")


class InvalidScores(InvalidFile):
    """Raised with every problem found in one source file."""


@attrs.frozen
class Score:
    """One unit's score from one source."""

    unit: str
    """The unit's full roster name."""
    value: Decimal | None
    """None when the source marked the unit 缺评."""
    origin: str = ""
    """File the score came from (base name) and row, for the record: ``第三方2026-03.xlsx:5``."""


def shown(value: Any) -> str:
    """A cell as the user sees it."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def typed(value: Any) -> str:
    """A cell as the user typed it, safe to print: control characters escaped, long text cut."""
    return escaped(shown(value))


def parse_score(value: Any) -> tuple[Decimal | None, str]:
    """``(score, "")``, ``(None, "")`` for 缺评, or ``(None, problem)``."""
    if type(value) is str and _PLAIN.fullmatch(value):  # the usual cell of a CSV: 87.5
        return _places_checked(Decimal(value), value)
    if isinstance(value, bool):
        return None, f"得分应为数字，实际为 “{'TRUE' if value else 'FALSE'}”"
    if isinstance(value, (int, float)):
        if number_problem(value):
            return None, f"得分{number_problem(value)}"
        # A float is taken as Excel shows it (15 significant digits): 0.1 + 0.2 is 0.3, not 0.30000000000000004.
        value = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        return _places_checked(value, shown(value))
    text = shown(value).strip().replace("，", ".")
    if not text:
        return None, "得分为空；该来源本月未考评此单位时请填写“缺评”，不要留空"
    if text in MISSING_MARKS:
        return None, ""
    if not _NUMBER.match(text):
        return None, f"得分应为数字（如 87.5），实际为 “{typed(value)}”"
    try:
        return _places_checked(Decimal(text), shown(value))
    except InvalidOperation:
        return None, f"得分应为数字（如 87.5），实际为 “{typed(value)}”"


def _places_checked(value: Decimal, written: str) -> tuple[Decimal | None, str]:
    """``value`` when it has at most :data:`MAX_PLACES` decimals and a sane size; else the problem."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        return None, f"得分最多 {MAX_PLACES} 位小数，实际为 “{escaped(written)}”"
    if abs(value) >= 10 ** 9:
        return None, f"得分应为 0 到 100 之类的分数，实际为 “{escaped(written)}”"
    return value, ""


def month_of(value: Any) -> str:
    """The ``YYYY-MM`` a period cell names, or ``""``."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    found = _MONTH_TEXT.match(shown(value).strip())
    return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}" if found else ""


def read_scores(path: str, source: Source, period: Period, roster: Roster, expected: Iterable[Unit], *,
                sheet: str = "", column: str = "", origin: str = "") -> list[Score]:
    """The scores in ``path`` for every unit in ``expected`` (in that order); raise :class:`InvalidScores`."""
    table = read_table(path, f"“{source.name}”得分文件", InvalidScores, sheet)
    return match_scores(table, source, period, roster, tuple(expected), column=column, origin=origin)


def match_scores(table: Table, source: Source, period: Period, roster: Roster, expected: tuple[Unit, ...], *,
                 column: str = "", origin: str = "") -> list[Score]:
    """Validate ``table`` against the roster; raise :class:`InvalidScores` with every problem."""
    import os

    errors: list[ProfileError] = []
    wanted = {"unit": UNIT_HEADERS, "score": (column,) if column else SCORE_HEADERS, "period": PERIOD_HEADERS}
    columns = table.find_columns(wanted, ("unit", "score"), errors)
    if errors:
        raise InvalidScores(errors)
    keys = roster.by_key()
    allowed = {u.name for u in expected}
    found: dict[str, tuple[int, Score]] = {}
    named: dict[str, int] = {}  # every unit a row names, valid or not: one error per faulty row, never also "缺少单位"
    name = origin or os.path.basename(table.file)
    for row, cells in table.data_rows():
        def cell(key: str) -> Any:
            col = columns.get(key)
            return cells[col - 1] if col and col <= len(cells) else None

        written = shown(cell("unit")).strip()
        if not written and not shown(cell("score")).strip():
            continue
        unit_col, score_col = columns["unit"], columns["score"]
        unit = keys.get(written)
        if unit is None:
            problem = "单位名称为空" if not written else f"名册中没有单位 “{typed(written)}”{suggest(written, keys_of(roster.units))}"
            errors.append(table.error(row, unit_col, problem))
            continue
        if unit.since is not None and unit.since > period:
            errors.append(table.error(row, unit_col, f"“{typed(written)}” 自 {unit.since.id} 起纳入考评（名册的纳入月份），"
                                                     f"{period.label}不参加考评；请删去此行，或修改名册中的纳入月份"))
            continue
        if unit.name not in allowed:
            errors.append(table.error(row, unit_col, f"“{typed(written)}” 属于其他考评组，该组不采用“{source.name}”的得分"))
            continue
        if unit.name in named:
            errors.append(table.error(row, unit_col, f"“{typed(written)}” 重复：第 {named[unit.name]} 行已有该单位（{unit.name}）的得分"))
            continue
        named[unit.name] = row
        if "period" in columns:
            month = month_of(cell("period"))
            if month != period.id:
                errors.append(table.error(row, columns["period"], f"期间 “{typed(cell('period'))}” 与导入的期间 {period.id}（{period.label}）不符"))
                continue
        value, problem = parse_score(cell("score"))
        if problem:
            errors.append(table.error(row, score_col, problem))
            continue
        if value is not None and not source.low <= value <= source.high:
            errors.append(table.error(row, score_col, f"得分 {typed(cell('score'))} 超出“{source.name}”的范围 {source.low} 到 {source.high}"))
            continue
        found[unit.name] = (row, Score(unit.name, value, f"{name}:{row}"))
    missing = [u.name for u in expected if u.name not in named]
    if missing:
        listed = "、".join(missing[:10]) + (f" 等 {len(missing)} 个" if len(missing) > 10 else "")
        hint = ("；新纳入考评的单位请在名册的“纳入月份”栏填写它开始参加考评的月份" if origin
                else "；该来源本月未考评的单位请列出并在得分栏填写“缺评”")
        errors.append(table.error(table.header_row, columns["unit"], f"缺少单位：{listed}{hint}"))
    if errors:
        raise InvalidScores(errors)
    return [found[u.name][1] for u in expected]
