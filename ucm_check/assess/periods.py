"""Assessment periods: months (``2026-03``), quarters (``2026-Q1``) and years (``2026``).

Units are assessed monthly (seed 004: 按“月、季、年”进行考评); a quarter's and a year's results are
derived from its months by the scheme's stated rule.
"""

from __future__ import annotations

import re

import attrs

from ucm_check.files.fields import escaped

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KIND_NAMES = {MONTH: "月度", QUARTER: "季度", YEAR: "年度"}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
FIRST_YEAR, LAST_YEAR = 1949, 2100
"""The years a period may name (the dates range the other readers accept)."""


class BadPeriod(ValueError):
    """A period written in a form that names no month, quarter or year; the message is Chinese."""


@attrs.frozen(order=True)
class Period:
    """One assessment period."""

    year: int
    kind: str
    """``month``, ``quarter`` or ``year``."""
    number: int = 0
    """Month 1-12 or quarter 1-4; 0 for a year."""

    @property
    def id(self) -> str:
        """The period as written in files and on the command line."""
        if self.kind == MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        """The Chinese name: 2026年3月, 2026年第1季度, 2026年度."""
        if self.kind == MONTH:
            return f"{self.year}年{self.number}月"
        if self.kind == QUARTER:
            return f"{self.year}年第{self.number}季度"
        return f"{self.year}年度"

    def months(self) -> tuple[Period, ...]:
        """The months this period is made of (a month is made of itself)."""
        if self.kind == MONTH:
            return (self,)
        first, count = ((self.number - 1) * 3 + 1, 3) if self.kind == QUARTER else (1, 12)
        return tuple(Period(self.year, MONTH, m) for m in range(first, first + count))

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.kind == YEAR:
            return Period(self.year - 1, YEAR)
        size = 12 if self.kind == MONTH else 4
        if self.number == 1:
            return Period(self.year - 1, self.kind, size)
        return Period(self.year, self.kind, self.number - 1)


def parse_period(text: str) -> Period:
    """``2026-03`` / ``2026-Q1`` / ``2026``; raise :class:`BadPeriod` for anything else (``2026-13``)."""
    text = str(text).strip()
    found = _MONTH.match(text) or _QUARTER.match(text) or _YEAR.match(text)
    if not found:
        raise BadPeriod(f"期间 “{escaped(text)}” 无法识别：月度写作 2026-03，季度写作 2026-Q1，年度写作 2026")
    year = int(found.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadPeriod(f"期间 “{text}” 的年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间")
    if found.re is _MONTH:
        month = int(found.group(2))
        if not 1 <= month <= 12:
            raise BadPeriod(f"期间 “{text}” 不存在：月份应为 01 到 12")
        return Period(year, MONTH, month)
    if found.re is _QUARTER:
        return Period(year, QUARTER, int(found.group(2)))
    return Period(year, YEAR)


def parse_month(text: str) -> Period:
    """A month only (sources are imported month by month)."""
    period = parse_period(text)
    if period.kind != MONTH:
        raise BadPeriod(f"期间 “{escaped(text)}” 不是月份：来源得分按月导入，写作 2026-03；季度和年度由各月得出")
    return period
