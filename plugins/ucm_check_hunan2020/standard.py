"""Declares the Hunan 2020 standard: 100 points of deductions plus at most 20 bonus points."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard, Submission
from ucm_check.numbers import D
from ucm_check_hunan2020 import CITY_LEVELS, DOCUMENT, STANDARD, C

SELF_EVALUATION = Submission(
    due=dt.date(2020, 11, 15),
    what="总结自评情况（含佐证材料）",
    to="省厅城市管理和执法监督局",
    clause=C("通知 四"),
    levels=CITY_LEVELS,
    others="县市区由所在设区市、湘西州指导，按其规定的日期报送",
)
"""通知 四: “各设区市城市管理和综合执法局、湘西州住房和城乡建设局的总结自评情况(含佐证材料)于2020年11月15日前报送省厅
城市管理和执法监督局”. 前 includes the day itself (2020-11-15 is still on time)."""

HUNAN_2020 = Standard(
    id=STANDARD,
    title="湖南省“强基础转作风树形象”专项行动评价内容和评分标准（2020）",
    document=DOCUMENT,
    levels=("设区市", "自治州", "县市区"),
    base=D(100),
    bonus_max=D(20),
    submission=SELF_EVALUATION,
)


@hookimpl
def ucm_check_standards():
    return [HUNAN_2020]
