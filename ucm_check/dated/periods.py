"""Reporting periods as values, and the record of which period each report covers.

A report is credited to the period it *covers*, not the month it was filed in: the 2020 annual
summary filed on 2021-01-10 is 2020's (late), never 2021's. A profile records it as a TOML inline
table from period to filing date::

    annual_summary_last = { "2024" = 2024-12-10, "2025" = 2025-12-12 }
    statistics_last = { "2026-10" = 2026-11-03 }          # months: YYYY-MM
    typical_cases_last = { "2026-Q3" = 2026-09-20 }       # quarters: YYYY-Qn
    annual_summary_last = { since = 2026-03-01 }          # nothing filed yet; first year from 2026-03-01

``since`` (optional) is the day the record starts (a new unit's founding day, or the day records
were kept from): periods that ended before it are not asked for. An empty table ``{}`` says "never
filed". A bare date (the form used before periods were recorded) is still read: see
:attr:`ReportLog.legacy`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from attrs import frozen

from ucm_check.dated import bounds

#: Period kinds and their length in months (weeks and days: 0, counted in days instead).
KINDS = {"day": 0, "week": 0, "month": 1, "quarter": 3, "year": 12}
DAYS = {"day": 1, "week": 7}
KEY_HINTS = {"day": '"2026-11-24"', "week": '"2026-W48"', "month": '"2026-10"', "quarter": '"2026-Q3"', "year": '"2026"'}
KIND_NAMES = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年度"}


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` of ``year``."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@frozen(order=True)
class Period:
    """A calendar day, week (Monday to Sunday), month, quarter or year."""

    year: int
    first_month: int
    """The period's first month (1-12)."""
    kind: str
    """``day``, ``week``, ``month``, ``quarter`` or ``year``."""
    first_day: int = 1
    """The period's first day of :attr:`first_month` (days and weeks; 1 otherwise)."""

    @classmethod
    def _on(cls, kind: str, day: dt.date) -> "Period":
        return cls(day.year, day.month, kind, day.day)

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> "Period":
        """The ``kind`` period that ``day`` falls in."""
        if kind in DAYS:
            return cls._on(kind, day - dt.timedelta(days=day.weekday() if kind == "week" else 0))
        months = KINDS[kind]
        return cls(day.year, (day.month - 1) // months * months + 1, kind)

    @classmethod
    def parse(cls, kind: str, key: str) -> "Period":
        """A period from its key (``2026``, ``2026-Q3``, ``2026-10``, ``2026-W48``, ``2026-11-24``);
        ``ValueError`` with a Chinese message when the key does not name a ``kind`` period."""
        patterns = {"year": r"(\d{4})", "quarter": r"(\d{4})-[Qq]([1-4])", "month": r"(\d{4})-(0[1-9]|1[0-2])",
                    "week": r"(\d{4})-[Ww](0[1-9]|[1-4]\d|5[0-3])", "day": r"(\d{4})-(\d{2})-(\d{2})"}
        found = re.fullmatch(patterns[kind], key.strip())
        if not found:
            raise ValueError(f"期间 “{key}” 应写作{KEY_HINTS[kind]}（本项按{KIND_NAMES[kind]}报送）")
        year = int(found.group(1))
        if bounds.year_problem(year):
            raise ValueError(f"期间 “{key}”：{bounds.year_problem(year)}")
        try:
            if kind == "day":
                return cls._on(kind, dt.date.fromisoformat(key.strip()))
            if kind == "week":
                return cls._on(kind, dt.date.fromisocalendar(year, int(found.group(2)), 1))
        except ValueError:
            raise ValueError(f"期间 “{key}” 不是实际存在的{KIND_NAMES[kind]}") from None
        if kind == "year":
            return cls(year, 1, kind)
        if kind == "quarter":
            return cls(year, (int(found.group(2)) - 1) * 3 + 1, kind)
        return cls(year, int(found.group(2)), kind)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, self.first_day)

    @property
    def end(self) -> dt.date:
        if self.kind in DAYS:
            return self.start + dt.timedelta(days=DAYS[self.kind] - 1)
        return month_end(self.year, self.first_month + KINDS[self.kind] - 1)

    @property
    def key(self) -> str:
        if self.kind == "day":
            return self.start.isoformat()
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "year":
            return str(self.year)
        if self.kind == "quarter":
            return f"{self.year}-Q{(self.first_month - 1) // 3 + 1}"
        return f"{self.year}-{self.first_month:02d}"

    @property
    def label(self) -> str:
        """As a report names it: 2026年11月24日, 2026年第48周（11月23日至11月29日）, 2026年10月, 2026年第3季度, 2026年度."""
        if self.kind == "day":
            return f"{self.year}年{self.first_month}月{self.first_day}日"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            end = self.end
            return f"{year}年第{week}周（{self.first_month}月{self.first_day}日至{end.month}月{end.day}日）"
        if self.kind == "year":
            return f"{self.year}年度"
        if self.kind == "quarter":
            return f"{self.year}年第{(self.first_month - 1) // 3 + 1}季度"
        return f"{self.year}年{self.first_month}月"

    def shift(self, count: int) -> "Period":
        """The period ``count`` periods later (earlier when negative)."""
        if self.kind in DAYS:
            return self._on(self.kind, self.start + dt.timedelta(days=count * DAYS[self.kind]))
        index = self.year * 12 + self.first_month - 1 + count * KINDS[self.kind]
        return Period(index // 12, index % 12 + 1, self.kind)


@frozen
class ReportLog:
    """What a profile says about a recurring report: which periods were covered, filed when."""

    filed: tuple[tuple[Period, dt.date], ...] = ()
    """(period covered, filing date), in period order."""
    since: dt.date | None = None
    """The record starts here: periods that ended before it are not asked for."""
    legacy: dt.date | None = None
    """Set when the profile gave only a date (the form before periods were recorded): the date of
    the last report, whose period the checking shape infers (see ``Periodic``)."""

    def on(self, period: Period) -> dt.date | None:
        """When the report covering ``period`` was filed, or None."""
        return next((day for p, day in self.filed if p == period), None)

    def toml(self) -> str:
        """The one-line TOML form (an inline table, or the bare date of the legacy form)."""
        if self.legacy is not None:
            return self.legacy.isoformat()
        parts = [f'"{p.key}" = {day.isoformat()}' for p, day in self.filed]
        if self.since is not None:
            parts.insert(0, f"since = {self.since.isoformat()}")
        return "{ " + ", ".join(parts) + " }" if parts else "{}"

    def entry(self) -> str:
        """The short form a one-line input shows and reads back: ``since=2026-03-01；2025=2025-12-12``."""
        if self.legacy is not None:
            return self.legacy.isoformat()
        parts = ([f"since={self.since.isoformat()}"] if self.since else []) + [f"{p.key}={d.isoformat()}" for p, d in self.filed]
        return "；".join(parts) or "无"

    def text(self) -> str:
        """As a report shows it: 2025年度 2025-12-12；2024年度 2024-12-10 (latest first, at most 3)."""
        if self.legacy is not None:
            return f"{self.legacy.isoformat()}（旧写法：只记录了报送日期）"
        shown = [f"{p.label} {day.isoformat()}" for p, day in reversed(self.filed)]
        text = "；".join(shown[:3]) + (f" 等 {len(shown)} 期" if len(shown) > 3 else "") if shown else "无记录"
        return text + (f"（记录自 {self.since.isoformat()} 起）" if self.since else "")


def show(value: Any) -> str:
    """A value as the user wrote it in TOML (never a Python repr)."""
    from ucm_check.facts.words import show as shown

    return shown(value)


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def parse_log(kind: str, value: Any) -> tuple[ReportLog | None, str]:
    """``(log, "")`` from a profile value, or ``(None, Chinese message)``."""
    if isinstance(value, ReportLog):
        return value, ""
    if _is_date(value):
        return (None, bounds.problem(value)) if bounds.problem(value) else (ReportLog(legacy=value), "")
    example = f'{{ {KEY_HINTS[kind]} = 2026-12-10 }}'
    if not isinstance(value, dict):
        return None, f"应为“期间 = 报送日期”的表，如 {example}（从未报送写 {{}}），实际为 {show(value)}"
    filed: list[tuple[Period, dt.date]] = []
    since = None
    for key, day in value.items():
        if not _is_date(day):
            return None, f"“{key}” 的值应为日期，写作 2026-12-10（不加引号），实际为 {show(day)}"
        if bounds.problem(day):
            return None, f"“{key}” 的{bounds.problem(day)}"
        if key == "since":
            since = day
            continue
        try:
            period = Period.parse(kind, key)
        except ValueError as exc:
            return None, str(exc)
        if day < period.start:
            return None, f"{period.label}的报送日期 {day.isoformat()} 早于该期间开始（{period.start.isoformat()}）"
        if any(p == period for p, _ in filed):
            return None, f"期间 “{key}” 重复"
        filed.append((period, day))
    return ReportLog(tuple(sorted(filed)), since), ""


def parse_entry(kind: str, text: str) -> tuple[ReportLog | None, str]:
    """A record typed on one line (:meth:`ReportLog.entry`'s form; ``无`` for none filed)."""
    text = text.strip().translate(str.maketrans("；，,＝：:", ";;;==="))
    if text in ("无", "{}", "从未报送"):
        return ReportLog(), ""
    if "=" not in text:
        try:
            return ReportLog(legacy=dt.date.fromisoformat(text)), ""
        except ValueError:
            return None, f"应写作 期间=报送日期，如 {KEY_HINTS[kind].strip(chr(34))}=2026-12-10"
    table: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, day = (x.strip() for x in part.partition("="))
        try:
            table[key] = dt.date.fromisoformat(day)
        except ValueError:
            return None, f"“{part}” 的日期应写作 2026-12-10"
    return parse_log(kind, table)


_DAY = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")


def parse_day(text: str) -> tuple[dt.date | None, str]:
    """A day as clerks write it (2023-03-01, 2023/3/1, 2023.3.1, 2023年3月1日): ``(date, "")``, or
    ``(None, problem)``: ``"bad_date"`` for an unknown form, else the Chinese reason ("2月没有30日")."""
    import calendar

    match = _DAY.match(text)
    if not match:
        return None, "bad_date"
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return None, f"没有{month}月：月份应为 1 到 12"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        leap = f"（{year}年不是闰年）" if month == 2 and day == 29 else ""
        return None, f"{month}月没有{day}日：{year}年{month}月只有{last}天{leap}"
    return dt.date(year, month, day), ""


_PARTS = re.compile(r"\s*[;；,，]\s*")
_PAIR = re.compile(r"\s*[=＝:：]\s*")


def record_dates(text: str) -> tuple[str, str]:
    """A record typed on one line (``2027=2027/1/5；2026=2026年12月3日``) with every date read by
    :func:`parse_day`, the one date reader, and written back as 2027-01-05; or ``("", the Chinese
    reason)`` for a date that does not exist."""
    parts = []
    for part in filter(None, _PARTS.split(text.strip())):
        pair = _PAIR.split(part, maxsplit=1)
        if len(pair) < 2:  # 无, or a bare date (the old form): read as it always was
            parts.append(part)
            continue
        key, day = pair
        date, problem = parse_day(day)
        if date is None and problem != "bad_date":
            return "", f"「{part}」：{problem}"
        parts.append(f"{key}={date.isoformat() if date else day}")
    return "；".join(parts), ""
