"""Declares the city-capacity standard (dated duties, no points) and proposes each duty's own deadline."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Standard
from ucm_check.numbers import ZERO
from ucm_check.rulekit import own_deadlines
from ucm_check_citycapacity import CITY, COUNTY, DOCUMENT, STANDARD

CITY_CAPACITY = Standard(
    id=STANDARD,
    title="市城管执法局《城管执法能力提升工作方案》：报送、培训、竞赛和评比日历",
    document=DOCUMENT,
    levels=(CITY, COUNTY),
    base=ZERO,
    bonus_max=ZERO,
    scored=False,
)


@hookimpl
def ucm_check_standards():
    return [CITY_CAPACITY]


#: The plan proposes each duty's own deadline from the document (rulekit.own_deadlines).
ucm_check_default_deadline = own_deadlines(STANDARD, "CAP-")
