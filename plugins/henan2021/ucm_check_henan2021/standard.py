"""Declares the Henan 2021 standard and feeds the rectification plan with the plan's own deadlines."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard
from ucm_check.numbers import ZERO
from ucm_check.rulekit import own_deadlines
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


#: The plan proposes each duty's own deadline from the document (rulekit.own_deadlines).
ucm_check_default_deadline = own_deadlines(STANDARD, "HEN-")
