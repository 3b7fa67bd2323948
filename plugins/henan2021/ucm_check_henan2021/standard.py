"""Declares the Henan 2021 standard and feeds the rectification plan with the plan's own deadlines."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard
from ucm_check.numbers import ZERO
from ucm_check_henan2021 import DOCUMENT, STANDARD

HENAN_2021 = Standard(
    id=STANDARD,
    title="河南省城市管理执法队伍巩固深化“强基础 转作风 树形象 打造人民满意城管”专项行动实施方案（2021）",
    document=DOCUMENT,
    levels=("省辖市", "济源示范区", "县（市、区）"),
    base=ZERO,
    bonus_max=ZERO,
    scored=False,
    # 济源示范区 is addressed with the 省辖市 (通知: 各省辖市、济源示范区城市管理主管部门).
    level_tiers=(("济源示范区", "city"),),
)


@hookimpl
def ucm_check_standards():
    return [HENAN_2021]


@hookimpl
def ucm_check_default_deadline(rule, finding, unit, as_of):
    """The document's own deadline for a Henan obligation that is not met (even when it has
    passed: the plan then shows the item overdue, and moving it needs a recorded reason). Standing
    duties have no date in the document and are left to the rule's rectification period."""
    if unit.get("standard") == STANDARD and rule.code.startswith("HEN-"):
        return finding.due
    return None
