"""One mapping of unit-level names across standards.

Each province's document names the same tiers of government its own way (设区市 / 自治州 / 县市区 in
one, 省辖市 / 县（市、区） in another, 街道（乡镇） below them). The table below holds the generic names;
a pack adds its own special names with :attr:`ucm_check.model.Standard.level_tiers`. A profile must use its own standard's word (rules test the level by name),
but one written with another pack's word for the same tier gets a "did you mean" instead of a bare
list.

=========  =====================================================================================
tier       names (any standard)
=========  =====================================================================================
city       设区市、省辖市、地级市、市州、自治州
county     县市区、县（市、区）、县(市、区)、县级市、县、区
street     街道（乡镇）、街道(乡镇)、街道、乡镇
=========  =====================================================================================

Within a tier the mapping proposes the standard's first name of that tier; it never changes what a
profile says by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    from ucm_check.model import Standard

TIERS: dict[str, tuple[str, ...]] = {
    "city": ("设区市", "省辖市", "地级市", "市州", "自治州"),
    "county": ("县市区", "县（市、区）", "县(市、区)", "县级市", "县", "区"),
    "street": ("街道（乡镇）", "街道(乡镇)", "街道", "乡镇"),
}
TIER_NAMES = {"city": "设区市（地级）", "county": "县级", "street": "街道（乡镇）级"}


def extra_tiers(standards: Iterable[Standard]) -> dict[str, str]:
    """Level name -> tier for the special names the ``standards`` declare (``Standard.level_tiers``)."""
    return {name: t for std in standards for name, t in std.level_tiers}


def tier(name: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The tier (``city``, ``county``, ``street``) a level name belongs to, or None."""
    name = name.strip()
    if extra and name in extra:
        return extra[name]
    return next((t for t, names in TIERS.items() if name in names), None)


def same_level(name: str, levels: Sequence[str], extra: Mapping[str, str] | None = None) -> str | None:
    """The name ``levels`` (a standard's own) uses for the tier of ``name``; None when ``name`` is
    already one of them, belongs to no known tier, or the standard has no level of that tier."""
    if name in levels:
        return None
    wanted = tier(name, extra)
    if wanted is None:
        return None
    return next((level for level in levels if tier(level, extra) == wanted), None)


def did_you_mean(name: str, levels: Sequence[str], extra: Mapping[str, str] | None = None) -> str:
    """The hint a level error adds: "“设区市”与本标准的“省辖市”是同一层级（设区市（地级）），是否想写 “省辖市”？".

    ``extra`` holds the special names of every loaded standard (:func:`extra_tiers`)."""
    other = same_level(name, levels, extra)
    if other is None:
        return ""
    return f"；“{name}”与本标准的“{other}”是同一层级（{TIER_NAMES[tier(other, extra) or '']}），是否想写 “{other}”？"
