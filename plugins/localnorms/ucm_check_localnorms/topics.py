"""Seed 004 二: the 11 city-management topics whose responsible and assessing units the district
fixed ("进一步明确了责任单位的主体责任，以及对应的考评单位"), as data.

The report names the 11 topics but gives the units of one only (小广告治理: 第三方公司负责清理，区执法局
负责治理，各街道办事处积极配合). For the other ten the units are left empty (``None``: not stated,
never guessed); a district fills them in from its own 分工方案. The assessing sources are the
scheme's own (四是): for the 街道办事处组, 第三方 40%, 数字化 40%, 业务局委 15%, 区城考办 5% — every
topic is assessed by the third party, the digital platform and the 区城考办, and by the line bureau
responsible for it where that bureau is named.
"""

from __future__ import annotations

from attrs import frozen

SOURCE = "《努力提升城市精细化管理服务水平》（区级经验材料，郑州市金水区） 二（二是 明确责任主体）"
ALWAYS_ASSESSING = ("第三方考评公司", "数字化城管平台", "区城考办")
"""Who assesses every topic (the scheme's weights for the 街道办事处组)."""


@frozen
class Topic:
    """One topic of the matrix: who answers for it, who does the work, who helps, who assesses it."""

    name: str
    responsible: tuple[str, ...] | None = None
    """责任单位 (主体责任); None when the report does not say."""
    doers: tuple[str, ...] = ()
    """Who does the hands-on work when it is not the responsible unit (第三方公司负责清理)."""
    cooperating: tuple[str, ...] = ()
    """配合单位."""

    @property
    def assessing(self) -> tuple[str, ...]:
        """考评单位: the three every topic has, and the responsible line bureau when named."""
        return ALWAYS_ASSESSING + tuple(u for u in self.responsible or () if u.startswith("区"))

    @property
    def stated(self) -> bool:
        """True when the report names this topic's units."""
        return self.responsible is not None


TOPICS: tuple[Topic, ...] = (
    Topic("环境卫生"),
    Topic("门前五包责任制"),
    Topic("小广告治理", responsible=("区执法局",), doers=("第三方公司",), cooperating=("各街道办事处",)),
    Topic("户外广告治理"),
    Topic("占道经营和突出店外经营治理"),
    Topic("渣土车违章查处"),
    Topic("违法建筑拆除"),
    Topic("游园绿地治理"),
    Topic("非机动车停放管理"),
    Topic("机动车乱停乱放治理"),
    Topic("噪声污染治理"),
)
"""The 11 topics in the report's order."""


def topic(name: str) -> Topic | None:
    """The topic called ``name``, or None."""
    return next((t for t in TOPICS if t.name == name), None)
