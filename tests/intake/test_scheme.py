"""The scheme's choices at their edges: how the survey combines (fact, weight, none), a unit's own
deadline, criticising late units, and county ranks that tie."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.helpers import PROFILES
from tests.intake.conftest import ROSTER, run, write

CITY = (PROFILES / "hunan-city.toml").read_text(encoding="utf-8")  # 111, 八(2) at 75% deducts 1


def roster_with(tmp_path, scheme: str, unit_extra: str = ""):
    text = ROSTER.read_text(encoding="utf-8")
    head, _, rest = text.partition("[scheme]")
    body = rest[rest.index("[[unit]]"):]
    body = body.replace('id = "430100"\n', f'id = "430100"\n{unit_extra}', 1)
    return write(tmp_path / "名册.toml", f"{head}[scheme]\n{scheme}\n\n{body}")


@pytest.fixture
def inbox(capsys, tmp_path):
    write(tmp_path / "长沙市.toml", CITY.replace("某市", "长沙市"))
    (tmp_path / "in").mkdir()

    def make(date: str = "2020-11-10", survey: int | None = None):
        code, _, err = run(capsys, "bundle", str(tmp_path / "长沙市.toml"), "-o", str(tmp_path / "in" / "长沙市.zip"),
                           "--as-of", date)
        assert code == 0, err
        if survey is not None:
            write(tmp_path / "in" / "长沙市.social.toml", f'[social]\nunit = "430100"\nsatisfaction_rate = {survey}\n')
        return tmp_path / "in"
    return make


def changsha(capsys, folder, roster, as_of="2020-11-20"):
    code, out, err = run(capsys, "intake", str(folder), "--roster", str(roster), "--as-of", as_of, "--format", "json")
    assert code == 0, err
    doc = json.loads(out, parse_float=Decimal)
    return doc, doc["units"][0]


def test_weight_blends_the_survey_rate_into_the_final_score(capsys, tmp_path, inbox):
    roster = roster_with(tmp_path, 'social = "weight"\nsocial_weight = 0.2')
    _, unit = changsha(capsys, inbox(survey=80), roster)
    assert (unit["self_total"], unit["final"], unit["basis"], unit["complete"]) == (111, Decimal("104.8"), Decimal("104.8"), True)


def test_weight_without_a_survey_counts_it_as_zero_and_marks_the_result_incomplete(capsys, tmp_path, inbox):
    roster = roster_with(tmp_path, 'social = "weight"\nsocial_weight = 0.2')
    _, unit = changsha(capsys, inbox(), roster)
    assert (unit["final"], unit["basis"], unit["complete"]) == (Decimal("88.8"), Decimal("88.8"), False)
    assert unit["notes"] == ["缺社会评价：社会评价部分按 0 计，结果不完整"]


def test_fact_puts_the_surveyed_rate_in_place_of_the_units_own(capsys, tmp_path, inbox):
    roster = roster_with(tmp_path, 'social = "fact"')
    _, unit = changsha(capsys, inbox(survey=74), roster)  # 74% is in 60-75: 2 instead of 1
    assert (unit["self_total"], unit["final"], unit["complete"]) == (111, 110, True)
    assert [(r["code"], r["self_score"], r["verified_score"], r["source"]) for r in unit["rules"]] == [
        ("HN-08-2", 3, 2, "社会评价")]


def test_none_records_the_survey_without_changing_the_score(capsys, tmp_path, inbox):
    roster = roster_with(tmp_path, 'social = "none"')
    _, unit = changsha(capsys, inbox(survey=40), roster)
    assert (unit["final"], unit["social"]["satisfaction_rate"], unit["rules"]) == (111, 40, [])


@pytest.mark.parametrize("date, status, late", [("2020-11-05", "on_time", 0), ("2020-11-06", "late", 1)])
def test_a_units_own_deadline_overrides_the_rosters_and_its_day_still_counts(capsys, tmp_path, inbox, date, status, late):
    roster = roster_with(tmp_path, "", unit_extra="deadline = 2020-11-05\n")
    _, unit = changsha(capsys, inbox(date=date), roster)
    assert (unit["status"], unit["days_late"], unit["deadline"]) == (status, late, "2020-11-05")


def test_criticise_late_lists_a_late_unit_with_its_days(capsys, tmp_path, inbox):
    roster = roster_with(tmp_path, "criticise_late = true\ncriticise_missing = false")
    doc, _ = changsha(capsys, inbox(date="2020-11-18"), roster)
    assert doc["criticise"] == [{"id": "430100", "name": "长沙市城市管理和综合执法局", "reason": "逾期 3 天报送"}]


def test_county_ranks_tie_and_skip():
    import datetime as dt

    from ucm_check.intake.carried import CountyResult
    from ucm_check.intake.records import Intake, Record
    from ucm_check.intake.results import county_ranking
    from ucm_check.intake.roster import Unit

    def county(name, basis, status="on_time"):
        return CountyResult(name, name, "县市区", status, 0, Decimal(basis), Decimal(basis), True, False)

    a = Record(Unit("1", "甲市", "设区市"), "on_time", counties=[county("甲一县", "95"), county("甲二县", "90")])
    b = Record(Unit("2", "乙市", "设区市"), "on_time", counties=[county("乙一县", "95"), county("乙二县", "99", "invalid")])
    intake = Intake(None, "", dt.date(2020, 11, 20), [a, b])
    assert [(rank, c.name) for rank, _, c in county_ranking(intake)] == [(1, "乙一县"), (1, "甲一县"), (3, "甲二县")]


def test_at_equal_scores_a_complete_unit_ranks_before_an_incomplete_one():
    import datetime as dt

    from ucm_check.intake.records import Intake, Record
    from ucm_check.intake.results import ranked
    from ucm_check.intake.roster import Unit

    def unit(name, basis, complete=True):
        return Record(Unit(name, name, "设区市"), "on_time", basis=Decimal(basis), final=Decimal(basis), complete=complete)

    intake = Intake(None, "", dt.date(2020, 11, 20), [unit("甲", "100", False), unit("乙", "100"), unit("丙", "100"), unit("丁", "99")])
    assert [(rank, r.unit.name) for rank, r in ranked(intake)] == [(1, "丙"), (1, "乙"), (3, "甲"), (4, "丁")]


@pytest.mark.parametrize("praise_min, praised", [(112, True), (113, False)])
def test_the_people_the_roster_names_are_praised_with_their_unit_and_only_then(capsys, tmp_path, inbox, praise_min, praised):
    """Seed 000: 通报表扬 names individuals when the roster gives them (长沙市: 111, survey 85% → 112)."""
    roster = roster_with(tmp_path, f'social = "fact"\npraise_min = {praise_min}',
                         'individuals = ["张三（支队长）", "李四"]\n')
    doc, _ = changsha(capsys, inbox(survey=85), roster)
    expected = [{"id": "430100", "name": "长沙市城市管理和综合执法局", "individuals": ["张三（支队长）", "李四"]}] if praised else []
    assert [{k: p[k] for k in ("id", "name", "individuals")} for p in doc["praise"]] == expected
    code, out, _ = run(capsys, "intake", str(tmp_path / "in"), "--roster", str(roster), "--as-of", "2020-11-20")
    assert code == 0 and ("张三（支队长）、李四" in out) is praised
