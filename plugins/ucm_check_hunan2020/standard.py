"""Declares the Hunan 2020 standard: 100 points of deductions plus at most 20 bonus points."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard
from ucm_check.numbers import D
from ucm_check_hunan2020 import DOCUMENT, STANDARD

HUNAN_2020 = Standard(
    id=STANDARD,
    title="湖南省“强基础转作风树形象”专项行动评价内容和评分标准（2020）",
    document=DOCUMENT,
    levels=("设区市", "自治州", "县市区"),
    base=D(100),
    bonus_max=D(20),
)


@hookimpl
def ucm_check_standards():
    return [HUNAN_2020]
