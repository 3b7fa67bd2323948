"""A city bureau's 《城管执法能力提升工作方案》 (seed 002): its calendar of recurring duties.

Every task of the plan names a 牵头单位 (the city bureau's sections) and 责任单位 (各县市区城管执法局,
局属各部门). The duties fall on two levels: what the county bureaus do (report monthly statistics,
send typical cases every quarter, take part in the March and September contests, apply for the
model-unit scheme by the end of October), and what the city bureau's sections organise (training
in April and June and at year end, the case bulletin, the essay and speech contests, the
October document contest, the December review). Each rule carries its task's units, so a gap
enters the rectification plan with them already filled in.
"""

from ucm_check.dated.schedule import parse
from ucm_check.model import Applicability, Clause, Rule
from ucm_check.rulekit import reports
from ucm_check.shapes import Periodic

STANDARD = "city-capacity"
DOCUMENT = "《城管执法能力提升工作方案》（市城管执法局，2022-05-03 发布）"
CITY = "设区市"
COUNTY = "县（市、区）"
COUNTIES = ("各县市区城管执法局", "局属各部门")
"""The plan's usual 责任单位 (它写作“各县市区城管执法局城管执法局”: the doubled words are a slip)."""


def clause(path: str) -> Clause:
    """A clause of the plan: ``二（三）`` for task (三) of part 二."""
    return Clause(DOCUMENT, path)


FOR_COUNTY = Applicability(frozenset({COUNTY}), "方案把本项交给各县市区城管执法局，市局本级不适用")
FOR_CITY = Applicability(frozenset({CITY}), "本项由市局科室组织，县（市、区）不适用（县局参加即可，不单独检查）")
SOON = {"month": 7, "quarter": 15, "year": 30}
LATE = "晚于期限的仍计入它所属的期间，并注明晚了几天；"


def duty(code, path, title, text, phrase, key, label, *, verb, lead, responsible, applies, reading, remedy, good, bad):
    """One recurring duty: the schedule from the plan's phrase, a record fact of the right period."""
    schedule = parse(phrase)
    period = schedule.every
    fact = reports(key, f"{label}的记录（所涵盖期间 = {verb}日期）", f"{key} record (period covered = date)", period)
    area_id = "county" if applies is FOR_COUNTY else "city"
    return Rule(
        code=code, clause=clause(path), title=title, text=text,
        shape=Periodic(fact, schedule=schedule, soon_days=SOON["month" if schedule.months else period], verb=verb),
        applies_to=applies, reading=f"时限读作“{schedule.describe()}”。" + reading + LATE + "新设单位可写 since = 成立日期。",
        period_days=15 if period == "month" else 30, remedy=remedy,
        lead=lead, responsible=responsible,
        good={f"{area_id}.{key}": good}, bad={f"{area_id}.{key}": bad},
    )
