"""Social evaluation (社会评价, 湘建执函〔2020〕94号 §四: 自我评价和社会评价相结合, 社会公众满意度评价机制):
the public satisfaction survey of one unit, in a small TOML file beside its submission
(``长沙市.zip`` → ``长沙市.social.toml``)::

    [social]
    unit = "430100"                # roster id or name
    satisfaction_rate = 82.5       # percent, 0-100
    respondents = 1200             # optional
    method = "问卷和电话调查"        # optional (八(2): 采用问卷和电话调查等方式)
    surveyor = "某调查公司"          # optional
    date = 2020-11-20              # optional

How it counts is the roster's scheme (:mod:`.scheme`): ``fact`` puts the rate in place of the
unit's own ``social_fact`` before scoring; ``weight`` blends it into the final score.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, show, suggest, type_name

SUFFIX = ".social.toml"
KEYS = {"unit": "被评价单位（编号或名称）", "satisfaction_rate": "群众满意度（%）", "respondents": "样本量",
        "method": "调查方式", "surveyor": "调查机构", "date": "调查日期"}


class InvalidSocial(InvalidFile):
    """Raised with every problem found in a social-evaluation file."""


@attrs.frozen
class Social:
    """A validated social evaluation."""

    file: str
    unit: str
    satisfaction_rate: Decimal
    respondents: int | None = None
    method: str = ""
    surveyor: str = ""
    date: dt.date | None = None


def parse_social(file: str, text: str) -> Social:
    """Validate a social-evaluation file; raise :class:`InvalidSocial` with every problem."""
    from ucm_check.files.locate import locate

    data = load_toml(file, text, InvalidSocial)
    errors: list[ProfileError] = []

    def at(path: tuple[str, ...], message: str, *, value: bool = True) -> None:
        line, col = locate(text, path, value=value)
        errors.append(ProfileError(file, line, col, message))

    for key in data:
        if key != "social":
            at((key,), f"社会评价文件中有未知的表或字段 “{key}”；应只有 [social] 表", value=False)
    body = data.get("social")
    if not isinstance(body, dict):
        at(("social",), "缺少 [social] 表（unit 被评价单位、satisfaction_rate 群众满意度）", value=False)
        body = {}
    kw: dict[str, Any] = {}
    for key, value in body.items():
        if key not in KEYS:
            at(("social", key), f"[social] 中有未知字段 “{key}”{suggest(key, list(KEYS))}", value=False)
        elif key == "satisfaction_rate":
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and 0 <= value <= 100:
                kw[key] = Decimal(value)
            else:
                at(("social", key), f"social.satisfaction_rate（群众满意度）应为 0 到 100 之间的数字（不带 % 号），实际为{type_name(value)} {show(value)}")
        elif key == "respondents":
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                kw[key] = value
            else:
                at(("social", key), f"social.respondents（样本量）应为正整数，实际为{type_name(value)} {show(value)}")
        elif key == "date":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                kw[key] = value
            else:
                at(("social", key), f"social.date（调查日期）应为日期，写作 2020-11-20（不加引号），实际为{type_name(value)} {show(value)}")
        elif isinstance(value, str) and value.strip():
            kw[key] = value.strip()
        else:
            at(("social", key), f"social.{key}（{KEYS[key]}）应为非空字符串，实际为{type_name(value)} {show(value)}")
    if "social" in data:
        for key in ("unit", "satisfaction_rate"):
            if key not in body:
                at(("social",), f"[social] 缺少必填字段 {key}（{KEYS[key]}）", value=False)
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidSocial(errors)
    return Social(file, **kw)


def load_social(path: str) -> Social:
    """Read and validate a social-evaluation file; raise :class:`InvalidSocial`."""
    return parse_social(path, read_text(path, "社会评价文件", InvalidSocial))
