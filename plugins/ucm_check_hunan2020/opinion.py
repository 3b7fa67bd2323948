"""十二、舆情监督（共8分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count
from ucm_check.shapes import PerCount
from ucm_check_hunan2020 import STANDARD, C

EVENTS = count("major_negative_events", "出现负面重大舆情、社会群体事件的次数", "Major negative public-opinion incidents or mass incidents", "次")

AREA = area("opinion", "十二", "舆情监督", "Public opinion", STANDARD, "8", order=12, rules=[
    Rule(
        code="HN-12-1", clause=C("附件 一（十二）2"), title="负面重大舆情、社会群体事件",
        text="出现负面重大舆情、社会群体事件等，每出现一次扣4分，扣完8分为止。",
        shape=PerCount(EVENTS, D("4"), D("8")), period_days=30,
        remedy="建立舆情监测和应急处置机制，对已发生事件查明原因、回应关切并追责整改。",
        good={"opinion.major_negative_events": 0}, bad={"opinion.major_negative_events": 1},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
