"""Declares the local-norms standard and gives its dated norms their documents' deadlines."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard
from ucm_check.numbers import ZERO
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


@hookimpl
def ucm_check_default_deadline(rule, finding, unit, as_of):
    """The document's own deadline (万分之五: 2020年底前; a report: the end of its period)."""
    if unit.get("standard") == STANDARD and rule.code.startswith("LN-"):
        return finding.due
    return None
