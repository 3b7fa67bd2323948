"""Henan 2021: 《全省城市管理执法队伍巩固深化……专项行动实施方案》 (豫建执法〔2021〕152号).

The plan sets deadlines and standing duties rather than points, so every rule here is a dated
obligation (:mod:`ucm_check.shapes` ``Obligation``/``Every``/``Periodic``) and the standard is
unscored: a finding is met, pending, due soon, overdue, not met or unanswered as of the check date.
Clause paths: ``通知`` for the covering notice, ``方案 二（三）4`` for the plan's sections.
"""

import datetime as dt

from ucm_check.rulekit import clause_maker

STANDARD = "henan-2021"
DOCUMENT = "豫建执法〔2021〕152号"
C = clause_maker(DOCUMENT)
CITY_LEVELS = frozenset({"省辖市", "济源示范区"})
PLAN_ISSUED = dt.date(2021, 6, 3)
"""The plan's date (所存原文作“202163”, i.e. 2021年6月3日): yearly duties start with 2021."""
