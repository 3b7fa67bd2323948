"""The receiving office's scheme (``[scheme]`` in the roster): how verified results, the public
satisfaction survey and the thresholds of the notice are applied.

::

    [scheme]
    overrate_margin = 3          # 自评偏高: self-score above the verified score by MORE than 3 points
    praise_min = 110             # 通报表扬: final score 110 or more (以上 includes the number)
    criticise_below = 85         # 通报批评: final score below 85 (低于 excludes it)
    criticise_missing = true     # a unit that sent nothing valid is criticised (工作推动不力)
    criticise_late = false       # a late submission alone is not
    social = "fact"              # "fact": the survey's rate replaces the unit's own social_fact
    social_fact = "service.satisfaction_rate"
    # social = "weight"; social_weight = 0.2   # final = 0.8 × verified total + 0.2 × satisfaction rate
    top_issues = 5               # how many 共性问题 the notice lists
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

import attrs

from ucm_check.model import Standard
from ucm_check.files.inputs import show
from ucm_check.numbers import fmt

KEYS = {
    "overrate_margin": "自评偏高的容差（分）",
    "praise_min": "通报表扬的最低得分",
    "criticise_below": "低于此分通报批评",
    "criticise_missing": "未报送或提交包无效的单位是否通报批评",
    "criticise_late": "逾期报送的单位是否通报批评",
    "social": "社会评价的结合方式（none、fact、weight）",
    "social_fact": "社会评价结果替换的事实（fact 方式）",
    "social_weight": "社会评价的权重（weight 方式，0 到 1 之间）",
    "top_issues": "通报列出的共性问题条数",
}
SOCIAL_MODES = ("none", "fact", "weight")


@attrs.frozen
class Scheme:
    """How the office judges; every field has a documented default."""

    overrate_margin: Decimal = Decimal(0)
    """自评偏高 when self total - verified total is more than this (超过: the margin itself is not flagged)."""
    praise_min: Decimal | None = None
    """通报表扬 from this final score up (inclusive); None: nobody is praised by score."""
    criticise_below: Decimal | None = None
    """通报批评 below this final score (exclusive); None: nobody is criticised by score."""
    criticise_missing: bool = True
    criticise_late: bool = False
    social: str = "none"
    """``none``: the survey is recorded only; ``fact``: its rate replaces :attr:`social_fact` before
    scoring; ``weight``: final = (1 - w) × verified total + w × rate."""
    social_fact: str = "service.satisfaction_rate"
    social_weight: Decimal = Decimal(0)
    top_issues: int = 5


def parse_scheme(raw: Any, standard: Standard | None, at: Callable[..., None]) -> Scheme:
    """Validate the ``[scheme]`` table; report problems through ``at(path, message, value=True)``."""
    if not isinstance(raw, dict):
        at((), "scheme 应为表 [scheme]", value=False)
        return Scheme()
    kw: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in KEYS:
            from ucm_check.files.inputs import suggest

            at((key,), f"[scheme] 中有未知字段 “{key}”{suggest(key, list(KEYS))}；可用：{'、'.join(KEYS)}", value=False)
        elif key in ("criticise_missing", "criticise_late"):
            if isinstance(value, bool):
                kw[key] = value
            else:
                at((key,), f"scheme.{key}（{KEYS[key]}）应为 true 或 false，实际为 {show(value)}")
        elif key in ("social", "social_fact"):
            ok = value in SOCIAL_MODES if key == "social" else isinstance(value, str) and _fact_ok(standard, value)
            if ok:
                kw[key] = value
            elif key == "social":
                at((key,), f"scheme.social（{KEYS[key]}）应为以下之一：none、fact、weight，实际为 {show(value)}")
            else:
                at((key,), f"scheme.social_fact 应为评价标准中的百分数事实（区域.字段，如 \"service.satisfaction_rate\"），实际为 {show(value)}")
        elif key == "top_issues":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                kw[key] = value
            else:
                at((key,), f"scheme.top_issues（{KEYS[key]}）应为不小于 0 的整数，实际为 {show(value)}")
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value >= 0:
            number = Decimal(value)
            if key == "social_weight" and not number <= 1:
                at((key,), f"scheme.social_weight（{KEYS[key]}）应在 0 到 1 之间，实际为 {fmt(number)}")
            else:
                kw[key] = number
        else:
            at((key,), f"scheme.{key}（{KEYS[key]}）应为不小于 0 的数字，实际为 {show(value)}")
    if kw.get("social") == "weight" and "social_weight" not in raw:
        at(("social",), "scheme.social = \"weight\" 时必须写 social_weight（社会评价的权重，如 0.2）")
    if (kw.get("praise_min") is not None and kw.get("criticise_below") is not None
            and kw["criticise_below"] > kw["praise_min"]):
        at(("criticise_below",), f"scheme.criticise_below（{fmt(kw['criticise_below'])}）高于 praise_min（{fmt(kw['praise_min'])}）："
           "同一单位会既被表扬又被批评")
    return Scheme(**kw)


def _fact_ok(standard: Standard | None, path: str) -> bool:
    if standard is None:
        return True  # the unknown standard is reported on its own
    area_id, _, key = path.partition(".")
    area = standard.area(area_id)
    return area is not None and any(f.key == key and f.kind == "percent" for f in area.facts)
