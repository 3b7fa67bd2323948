"""The unit information a clerk fills in besides the answers: ``[unit]`` and ``[report]`` fields.

One list serves ``ucm-check init`` (the commented template), the TUI's 单位信息 screen and the
new-self-check form, so the three ask the same things in the same words. No Textual here.
Each field is explained the way a clerk would say it, never by its key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

#: The unit name ``init`` writes until the clerk gives one: shown as not filled in.
PLACEHOLDER_NAME = "（请填写单位名称）"
#: The tables whose fields are unit information rather than answers to the standard.
TABLES = ("unit", "report")


@attrs.frozen
class InfoField:
    """One field of ``[unit]`` or ``[report]`` as the clerk sees it."""

    table: str
    key: str
    label: str
    """The field's name on screen."""
    explain: str
    """What to write, in the clerk's words."""
    example: str
    kind: str = "text"
    """``text`` (one line), ``paragraphs`` (several lines) or ``date``."""
    required: bool = False


FIELDS: tuple[InfoField, ...] = (
    InfoField("unit", "name", "单位名称", "本单位的全称，写在报告的发文机关标志和落款处。", "某县城市管理和综合执法局",
              required=True),
    InfoField("unit", "region", "所在地区", "省、市、县的名称，报告开头和汇总表用它区分单位。", "某省某市某县"),
    InfoField("unit", "period", "评价期间", "这次自评所评价的年度或期间，通常是上一年。", "2020"),
    InfoField("unit", "submitted", "报送日期", "自评材料报送上级的日期；还没有报送就空着，总览会显示离截止日期还有几天。",
              "2020-11-10", kind="date"),
    InfoField("report", "title", "报告标题", "空着时按 单位名称 + 关于 + 评价期间 + 自评情况的报告 生成。",
              "某县城市管理和综合执法局关于2020年度自评情况的报告"),
    InfoField("report", "recipient", "主送机关", "报告送给哪个机关，通常是上一级城市管理部门。", "某市城市管理和综合执法局"),
    InfoField("report", "doc_number", "发文字号", "本单位给这份报告编的文号。", "某城执〔2020〕12号"),
    InfoField("report", "signer", "签发人", "签发这份报告的负责人姓名。", "李四"),
    InfoField("report", "date", "成文日期", "报告落款的日期；空着时用导出当天。", "2020-11-10", kind="date"),
    InfoField("report", "practices", "主要做法和成效",
              "报告正文中本单位自己写的部分，一段一行；工具不会替您编写，空着时报告中标出【待填写】。",
              "一是……；二是……", kind="paragraphs"),
    InfoField("report", "contact", "联系人及电话", "报告末尾附注的联系人和电话。", "王五，0731-00000000"),
)


def field(table: str, key: str) -> InfoField | None:
    """The field ``table.key``, or None when it is not unit information."""
    return next((f for f in FIELDS if f.table == table and f.key == key), None)


def stored(profile, table: str, key: str, missing: Any = None) -> Any:
    """The value of ``table.key`` in a loaded profile (a fact, a unit field or a report field), as
    the editor compares it: the unit's 报送日期 as a date, though the loader keeps it as text."""
    if table == "unit":
        value = profile.unit.get(key, missing)
        if key == "submitted" and isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value
    if table == "report":
        report = profile.extra.get("report")
        return report.get(key, missing) if isinstance(report, dict) else missing
    return profile.facts.get(table, {}).get(key, missing)


def check(info: InfoField, value: Any) -> str:
    """Why ``value`` cannot be saved in ``info`` (Chinese), or ``""``."""
    if info.kind == "date":
        return "" if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else "应为日期"
    if not isinstance(value, str) or not value.strip():
        return "不能为空"
    return ""
