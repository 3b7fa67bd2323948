"""The optional ``[report]`` table of a profile: what the 自评报告 needs that the facts cannot say.

In the profile::

    [report]
    recipient = "市城市管理和综合执法局"          # 主送机关
    doc_number = "某城执〔2020〕12号"             # 发文字号
    signer = "李四"                              # 签发人
    date = 2020-11-10                            # 成文日期（默认：--date，或今天）
    practices = \"\"\"
    一是……。
    二是……。
    \"\"\"                                        # 主要做法和成效，段与段之间空一行或换行
    contact = "王五，0731-00000000"              # 联系人及电话（附注）
    short_name = "某县城管执法局"                # 规范化简称（版头、署名；单位名称过长时用）
    cc = "县人民政府办公室，县纪委监委"           # 抄送机关（版记）
    printed_by = "某县城市管理和综合执法局办公室"   # 印发机关（版记；默认：本单位）
    printed_on = 2020-11-10                      # 印发日期（版记；默认：成文日期）

Every key is optional. A text the bureau writes in its own words (``practices``) that is missing
becomes a marked 【待填写】 placeholder in the document: ucm-check never writes it for them.
No python-docx here: the profile loader imports this module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

TABLE = "report"
KEYS: dict[str, str] = {
    "title": "报告标题（默认：单位名称 + 关于 + 评价期间 + 年度自评情况的报告）",
    "recipient": "主送机关",
    "doc_number": "发文字号，如 某城执〔2020〕12号",
    "signer": "签发人",
    "date": "成文日期，如 2020-11-10（不加引号）",
    "practices": "主要做法和成效（单位自己撰写的正文；段落之间换行）",
    "contact": "联系人及电话（附注）",
    "short_name": "单位名称的规范化简称，用于版头（发文机关标志）和署名，如 某县城管执法局",
    "cc": "抄送机关（版记），多个机关用逗号隔开",
    "printed_by": "印发机关（版记；默认：本单位）",
    "printed_on": "印发日期（版记），如 2020-11-10（不加引号；默认：成文日期）",
}
"""Key -> what it is, in Chinese (docs/profile.md and the JSON Schema show the same words)."""
DATE_KEYS = ("date", "printed_on")
TEXT_KEYS = tuple(k for k in KEYS if k not in DATE_KEYS)


def validate_table(body: Any, err: Callable[[tuple[str, ...], str], None]) -> None:
    """Check the ``[report]`` table; report each problem through ``err(key path, message)``."""
    from ucm_check.files.problems import show, suggest, type_name

    if not isinstance(body, dict):
        err((), f"report 应为表 [report]（报告的主送机关、发文字号、主要做法和成效等），实际为{type_name(body)}")
        return
    for key, value in body.items():
        if key not in KEYS:
            err((key,), f"[report] 中有未知字段 “{key}”{suggest(key, list(KEYS))}；可用：{'、'.join(KEYS)}")
        elif key in DATE_KEYS:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                err((key,), f"report.{key}（{KEYS[key]}）应为日期，实际为{type_name(value)} {show(value)}")
        elif not isinstance(value, str) or not value.strip():
            err((key,), f"report.{key}（{KEYS[key]}）应为非空字符串，实际为{type_name(value)} {show(value)}")


def schema() -> dict[str, Any]:
    """The ``[report]`` table's JSON Schema (Draft-4 keywords)."""
    props: dict[str, Any] = {k: {"type": "string", "minLength": 1, "description": v} for k, v in KEYS.items()}
    for key in DATE_KEYS:
        props[key] = {"type": "string", "format": "date", "description": KEYS[key]}
    return {"type": "object", "description": "自评报告的主送机关、发文字号、主要做法和成效等 / Texts for the Word report",
            "properties": props, "additionalProperties": False}


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text the bureau wrote: one per non-empty line, surrounding space removed."""
    return [line.strip() for line in text.splitlines() if line.strip()]
