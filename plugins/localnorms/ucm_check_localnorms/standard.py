"""Declares the local-norms standard and gives its dated norms their documents' deadlines."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard
from ucm_check.numbers import ZERO
from ucm_check.rulekit import own_deadlines
from ucm_check_localnorms import STANDARD

LOCAL_NORMS = Standard(
    id=STANDARD,
    title="地方城管执法规范：人员配备（万分之五、城管120）、响应（双十）和报送日历",
    document="地方规范汇编",
    levels=("设区市", "县（市、区）", "街道（乡镇）"),
    base=ZERO,
    bonus_max=ZERO,
    scored=False,
)


@hookimpl
def ucm_check_standards():
    return [LOCAL_NORMS]


#: The plan proposes each duty's own deadline from the document (rulekit.own_deadlines).
ucm_check_default_deadline = own_deadlines(STANDARD, "LN-")
