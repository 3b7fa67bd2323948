"""One mapping of unit-level names across standards.

Each province's document names the same tiers of government its own way: Hunan 2020 says 设区市 /
自治州 / 县市区, Henan 2021 says 省辖市 / 济源示范区 / 县（市、区）, the local-norms pack 设区市 /
县（市、区） / 街道（乡镇）. A profile must use its own standard's word (rules test the level by name),
but one written with another pack's word for the same tier gets a "did you mean" instead of a bare
list.

=========  =====================================================================================
tier       names (any standard)
=========  =====================================================================================
city       设区市、省辖市、地级市、市州、自治州、济源示范区
           (Hunan lists 自治州 beside 设区市; Henan's 济源示范区 is addressed with the 省辖市)
county     县市区、县（市、区）、县(市、区)、县级市、县、区
street     街道（乡镇）、街道(乡镇)、街道、乡镇
=========  =====================================================================================

Within a tier the mapping proposes the standard's first name of that tier; it never changes what a
profile says by itself.
"""

from __future__ import annotations

TIERS: dict[str, tuple[str, ...]] = {
    "city": ("设区市", "省辖市", "地级市", "市州", "自治州", "济源示范区"),
    "county": ("县市区", "县（市、区）", "县(市、区)", "县级市", "县", "区"),
    "street": ("街道（乡镇）", "街道(乡镇)", "街道", "乡镇"),
}
TIER_NAMES = {"city": "设区市（地级）", "county": "县级", "street": "街道（乡镇）级"}


def tier(name: str) -> str | None:
    """The tier (``city``, ``county``, ``street``) a level name belongs to, or None."""
    name = name.strip()
    return next((t for t, names in TIERS.items() if name in names), None)


def same_level(name: str, levels: tuple[str, ...] | list[str]) -> str | None:
    """The name ``levels`` (a standard's own) uses for the tier of ``name``; None when ``name`` is
    already one of them, belongs to no known tier, or the standard has no level of that tier."""
    if name in levels:
        return None
    wanted = tier(name)
    if wanted is None:
        return None
    return next((level for level in levels if tier(level) == wanted), None)


def did_you_mean(name: str, levels: tuple[str, ...] | list[str]) -> str:
    """The hint a level error adds: "“设区市”与本标准的“省辖市”是同一层级（设区市（地级）），是否想写 “省辖市”？"."""
    other = same_level(name, levels)
    if other is None:
        return ""
    return f"；“{name}”与本标准的“{other}”是同一层级（{TIER_NAMES[tier(name)]}），是否想写 “{other}”？"
