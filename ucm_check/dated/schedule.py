"""When a recurring duty falls due, declared as data — or read from the document's own phrase.

=====================  ==============================================================
phrase                 schedule
=====================  ==============================================================
每天 / 每日              ``Schedule("day")``: each day, by that day
每周                    ``Schedule("week")``: each week (Monday to Sunday), by its Sunday
每月                    ``Schedule("month")``: each month, by its last day
每季度                  ``Schedule("quarter")``: each quarter, by its last day
每年4月                 ``Schedule("month", months=(4,))``: in April, by 30 April
3月和9月 / 3月、9月      ``Schedule("month", months=(3, 9))``: in each of those months
每季度结束后5个工作日内   ``Schedule("quarter", after_workdays=5)``: 5 official working days
                        after the quarter's last day (holidays skipped, 调休 Saturdays counted)
每月（次月底前）          ``Schedule("month", after_months=1)``: by the end of the next month
10月底前 / 年底前         ``Schedule("year", due_month=10)`` / ``Schedule("year")``
每年12月15日前           ``Schedule("year", due_month=12, due_day=15)``
完成后3个月内            ``Relative(months=3)``: 3 months after an event's date
=====================  ==============================================================

Readings (Civil Code art. 1259 and 201-203): "前" and "内" include the day named; "X月底前" is the
month's last day; "N个月内" from a day ends on the corresponding day N months later (the month's
last day when it has no such day); "结束后N个工作日内" does not count the period's last day itself.
Counts are bounded (:data:`~ucm_check.dated.bounds.MAX_WORKDAYS` working days,
:data:`~ucm_check.dated.bounds.MAX_MONTHS` months) and one-off dates must fall in the range of
:mod:`ucm_check.dated.bounds`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

import attrs
from attrs import frozen

from ucm_check.dated import bounds
from ucm_check.dated.periods import KINDS, Period, month_end
from ucm_check.dated.workdays import add_workdays

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months; a day the target month lacks becomes its last day
    (Civil Code art. 202: a period counted in months ends on the corresponding day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, month_end(year, month + 1).day))


@frozen
class Due:
    """A deadline worked out for one occurrence; ``estimated`` lists the years whose working-day
    calendar was unknown (Monday to Friday counted instead)."""

    day: dt.date
    estimated: tuple[int, ...] = ()


@frozen
class Schedule:
    """A recurring duty's occurrences and the deadline of each."""

    every: str = attrs.field(validator=attrs.validators.in_(tuple(KINDS)))
    """The period each occurrence covers: ``day``, ``week``, ``month``, ``quarter`` or ``year``."""
    months: tuple[int, ...] = ()
    """With ``every="month"``: only these months are occurrences (每年4月, 3月和9月)."""
    due_month: int = 0
    due_day: int = 0
    """Yearly duties: due by this day of the year (0 = the month's last day; no month = 31 Dec)."""
    after_workdays: int = 0
    """Due this many official working days after the period ends (季度结束后5个工作日内)."""
    after_months: int = 0
    """Due by the last day of the month this many months after the period ends (次月底前 = 1)."""
    text: str = ""
    """The document's phrase, for findings."""

    def __attrs_post_init__(self) -> None:
        if self.months and (self.every != "month" or any(not 1 <= m <= 12 for m in self.months)):
            raise ValueError("months needs every='month' and months 1-12")
        if (self.due_month or self.due_day) and self.every != "year":
            raise ValueError("due_month/due_day are for yearly duties")
        if self.after_workdays and self.after_months:
            raise ValueError("give after_workdays or after_months, not both")
        if not 0 <= self.after_workdays <= bounds.MAX_WORKDAYS or not 0 <= self.after_months <= bounds.MAX_MONTHS:
            raise ValueError(f"after_workdays 至多 {bounds.MAX_WORKDAYS}，after_months 至多 {bounds.MAX_MONTHS}")

    def due(self, period: Period) -> Due:
        """When the occurrence covering ``period`` is due."""
        if self.after_workdays:
            day, unknown = add_workdays(period.end, self.after_workdays)
            return Due(day, unknown)
        if self.after_months:
            target = add_months(period.end.replace(day=1), self.after_months)
            return Due(month_end(target.year, target.month))
        if self.every == "year" and self.due_month:
            last = month_end(period.year, self.due_month).day
            return Due(dt.date(period.year, self.due_month, min(self.due_day or last, last)))
        return Due(period.end)

    def is_occurrence(self, period: Period) -> bool:
        return period.kind == self.every and (not self.months or period.first_month in self.months)

    def containing(self, day: dt.date) -> Period:
        """The occurrence whose period holds ``day``, or the next one after it."""
        period = Period.containing(self.every, day)
        while not self.is_occurrence(period):
            period = period.shift(1)
        return period

    def step(self, period: Period, count: int = 1) -> Period:
        """The occurrence ``count`` occurrences after (or before, when negative) ``period``."""
        direction = 1 if count > 0 else -1
        for _ in range(abs(count)):
            period = period.shift(direction)
            while not self.is_occurrence(period):
                period = period.shift(direction)
        return period

    def upcoming(self, as_of: dt.date) -> Period:
        """The first occurrence whose deadline is ``as_of`` or later: the one now to be met."""
        period = self.step(self.containing(as_of), -2)
        while self.due(period).day < as_of:
            period = self.step(period)
        return period

    def before(self, period: Period, since: dt.date) -> Iterator[Period]:
        """Occurrences before ``period`` that end on or after ``since``, latest first."""
        earlier = self.step(period, -1)
        while earlier.end >= since:
            yield earlier
            earlier = self.step(earlier, -1)

    def filed_for(self, day: dt.date) -> Period:
        """The occurrence a report filed on ``day`` is for when the profile gives only the date (the
        legacy form): the oldest occurrence already begun whose deadline is ``day`` or later; a
        report filed after every such deadline is a late one for the latest occurrence begun."""
        period = self.upcoming(day)
        if period.start > day:
            period = self.step(period, -1)
        return period

    def describe(self) -> str:
        """The schedule in words (the document's phrase when given)."""
        if self.text:
            return self.text
        name = {"day": "每天", "week": "每周", "month": "每月", "quarter": "每季度", "year": "每年"}[self.every]
        if self.months:
            name = "每年" + "和".join(f"{m}月" for m in self.months)
        if self.after_workdays:
            return f"{name}结束后{self.after_workdays}个工作日内"
        if self.after_months:
            return f"{name}（结束后第{self.after_months}个月底前）"
        if self.due_month:
            return f"每年{self.due_month}月{f'{self.due_day}日' if self.due_day else '底'}前"
        return name


@frozen
class Relative:
    """A deadline counted from an event: "完成后3个月内", "调整到位后5个工作日内"."""

    months: int = 0
    workdays: int = 0
    text: str = ""

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.workdays <= bounds.MAX_WORKDAYS or not 0 <= self.months <= bounds.MAX_MONTHS:
            raise ValueError(f"相对期限至多 {bounds.MAX_WORKDAYS} 个工作日或 {bounds.MAX_MONTHS} 个月")

    def due(self, event: dt.date) -> Due:
        if self.workdays:
            day, unknown = add_workdays(event, self.workdays)
            return Due(day, unknown)
        return Due(add_months(event, self.months))

    def describe(self) -> str:
        return self.text or (f"事件后{self.workdays}个工作日内" if self.workdays else f"事件后{self.months}个月内")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else CN_DIGITS[text]


_NUM = r"(\d+|十[一二]|[一二两三四五六七八九十])"
_KIND = {"天": "day", "日": "day", "周": "week", "月": "month", "季度": "quarter", "季": "quarter", "年": "year", "年度": "year"}
_EVERY = r"每(天|日|周|月|季度|季|年度|年)"


def _bounded(count: int, limit: int, unit: str, phrase: str) -> int:
    if not 1 <= count <= limit:
        raise ValueError(f"时限 “{phrase}” 的{unit}数 {count} 超出范围（1 至 {limit}）")
    return count


def parse(phrase: str) -> Schedule | Relative | None:
    """The schedule a document's phrase states; None for 长期 (standing, no date).
    ``ValueError`` (Chinese) for a phrase it does not know."""
    text = re.sub(r"\s+", "", phrase)
    if text in ("长期", "长期坚持", "持续推进"):
        return None
    if found := re.fullmatch(_EVERY, text):
        return Schedule(_KIND[found.group(1)], text=phrase)
    if found := re.fullmatch(_EVERY + r"结束后" + _NUM + r"个工作日内", text):
        days = _bounded(_number(found.group(2)), bounds.MAX_WORKDAYS, "工作日", phrase)
        return Schedule(_KIND[found.group(1)], after_workdays=days, text=phrase)
    if found := re.fullmatch(r"每月[（(]?次月底前[）)]?", text):
        return Schedule("month", after_months=1, text=phrase)
    if found := re.fullmatch(r"(?:每年)?" + _NUM + r"月(?:份)?((?:[和、及]" + _NUM + r"月(?:份)?)*)", text):
        months = [_number(found.group(1))] + [_number(m) for m in re.findall(_NUM, found.group(2))]
        if all(1 <= m <= 12 for m in months) and len(set(months)) == len(months):
            return Schedule("month", months=tuple(sorted(months)), text=phrase)
    if found := re.fullmatch(r"(?:每年)?" + _NUM + r"月底前", text):
        month = _number(found.group(1))
        if 1 <= month <= 12:
            return Schedule("year", due_month=month, text=phrase)
    if found := re.fullmatch(r"每年" + _NUM + r"月(\d+)日前", text):
        month, day = _number(found.group(1)), int(found.group(2))
        if 1 <= month <= 12 and 1 <= day <= month_end(2024, month).day:
            return Schedule("year", due_month=month, due_day=day, text=phrase)
    if re.fullmatch(r"(?:每年)?年底前|(?:每年)?年末前", text):
        return Schedule("year", text=phrase)
    if found := re.fullmatch(r".*后" + _NUM + r"个月内", text):
        return Relative(months=_bounded(_number(found.group(1)), bounds.MAX_MONTHS, "月", phrase), text=phrase)
    if found := re.fullmatch(r".*后" + _NUM + r"个工作日内", text):
        return Relative(workdays=_bounded(_number(found.group(1)), bounds.MAX_WORKDAYS, "工作日", phrase), text=phrase)
    raise ValueError(f"无法识别的时限写法 “{phrase}”；可用：每天、每周、每月、每季度、每年4月、3月和9月、每季度结束后5个工作日内、"
                     "每月（次月底前）、10月底前、年底前、每年12月15日前、完成后3个月内、长期")


def parse_date(phrase: str) -> dt.date | None:
    """A one-off deadline written the way the documents write it: 2017年底前, 2022年6月底前,
    2020年11月15日前, 2017年10月; None when ``phrase`` is not a dated deadline or names a year
    outside :mod:`ucm_check.dated.bounds`."""
    text = re.sub(r"\s+", "", phrase)
    found = re.match(r"(?:到)?(\d{4})年", text)
    if found and bounds.year_problem(int(found.group(1))):
        return None
    if found := re.fullmatch(r"(?:到)?(\d{4})年(?:底|末)(?:前)?", text):
        return dt.date(int(found.group(1)), 12, 31)
    if found := re.fullmatch(r"(?:到)?(\d{4})年(\d{1,2})月(?:底)?(?:前)?", text):
        year, month = int(found.group(1)), int(found.group(2))
        return month_end(year, month) if 1 <= month <= 12 else None
    if found := re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:前)?", text):
        try:
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            return None
    return None
