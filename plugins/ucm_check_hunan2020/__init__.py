"""Hunan 2020: 《“强基础转作风树形象”专项行动评价内容和评分标准》 (湘建执函〔2020〕94号 附件).

One plugin module per checklist area; :mod:`.standard` declares the standard itself.
"""

from ucm_check.rulekit import clause_maker

STANDARD = "hunan-2020"
DOCUMENT = "湘建执函〔2020〕94号"
C = clause_maker(DOCUMENT)
CITY_LEVELS = frozenset({"设区市", "自治州"})

#: This pack's plugin modules, one per checklist area, in the order the host registers them.
PLUGINS: tuple[str, ...] = tuple(
    f"{__name__}.{name}"
    for name in (
        "standard", "party", "training", "uniform", "vehicles", "systems", "discipline", "grid",
        "service", "patrol", "supervision", "assigned", "opinion", "bonus",
    )
)
