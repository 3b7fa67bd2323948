"""Hunan 2020's own deadline: the 设区市 and 湘西州 hand in their self-evaluation with evidence by
2020-11-15 (湘建执函〔2020〕94号 通知 四). Countdown and lateness at the deadline's edges, in every place
a user looks: text and JSON reports, the plan, the TUI overview."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from tests.helpers import PROFILES
from ucm_check.cli import main
from ucm_check.dated.submission import countdown

D = dt.date
CITY = str(PROFILES / "hunan-city.toml")


@pytest.fixture
def hunan(host):
    return host.standards["hunan-2020"]


def test_the_hunan_standard_knows_the_deadline_and_its_clause(hunan):
    s = hunan.submission
    assert (s.due, str(s.clause), s.what) == (D(2020, 11, 15), "湘建执函〔2020〕94号 通知 四", "总结自评情况（含佐证材料）")
    assert s.levels == {"设区市", "自治州"}


@pytest.mark.parametrize("as_of, status, days, tail", [
    (D(2020, 10, 15), "pending", 31, "还有 31 天"),
    (D(2020, 10, 16), "due_soon", 30, "还有 30 天"),
    (D(2020, 11, 15), "due_soon", 0, "还有 0 天"),          # 前 includes the day itself
    (D(2020, 11, 16), "overdue", 1, "已过期 1 天（档案未记录报送日期 unit.submitted）"),
])
def test_the_countdown_turns_late_the_day_after_the_deadline(hunan, as_of, status, days, tail):
    found = countdown(hunan, {"level": "设区市"}, as_of)
    assert (found.status, found.days) == (status, days)
    assert found.text == f"自评报送期限 2020-11-15（湘建执函〔2020〕94号 通知 四）：{tail}"


@pytest.mark.parametrize("submitted, status, days", [("2020-11-15", "submitted", 0), ("2020-11-16", "submitted_late", 1)])
def test_a_recorded_submission_is_on_time_or_says_how_late(hunan, submitted, status, days):
    found = countdown(hunan, {"level": "自治州", "submitted": submitted}, D(2026, 12, 1))
    assert (found.status, found.days, found.submitted) == (status, days, D.fromisoformat(submitted))


def test_a_county_hands_in_through_its_city_and_is_told_so(hunan):
    found = countdown(hunan, {"level": "县市区"}, D(2020, 11, 16))
    assert found.status == "not_applicable" and "由所在设区市、湘西州指导" in found.text


def run(capsys, *argv):
    code = main(["--log-level", "error", argv[0], "--no-entry-points", *argv[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_and_json_reports_of_a_city_show_the_countdown(capsys):
    code, out, _ = run(capsys, "check", CITY, "--as-of", "2020-11-01")
    assert code == 0 and "\n自评报送期限 2020-11-15（湘建执函〔2020〕94号 通知 四）：还有 14 天\n" in out
    code, out, _ = run(capsys, "check", CITY, "--as-of", "2020-11-20", "--format", "json")
    submission = json.loads(out)["profiles"][0]["submission"]
    assert {k: submission[k] for k in ("status", "due", "days", "submitted")} == {
        "status": "overdue", "due": "2020-11-15", "days": 5, "submitted": None}


def test_a_county_report_carries_it_in_json_only(capsys):
    _, out, _ = run(capsys, "check", str(PROFILES / "hunan-county-typical.toml"), "--as-of", "2020-11-01")
    assert "自评报送期限" not in out
    _, out, _ = run(capsys, "check", str(PROFILES / "hunan-county-typical.toml"), "--as-of", "2020-11-01", "--format", "json")
    assert json.loads(out)["profiles"][0]["submission"]["status"] == "not_applicable"


def test_a_recorded_date_in_the_profile_is_read_and_a_bad_one_refused(capsys, tmp_path):
    path = tmp_path / "city.toml"
    text = (PROFILES / "hunan-city.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('standard = "hunan-2020"', 'standard = "hunan-2020"\nsubmitted = 2020-11-13', 1), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--as-of", "2026-12-01")
    assert code == 0 and "自评报送期限 2020-11-15（湘建执函〔2020〕94号 通知 四）：已于 2020-11-13 按时报送" in out
    path.write_text(text.replace('standard = "hunan-2020"', 'standard = "hunan-2020"\nsubmitted = "11月13日"', 1), encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and "unit.submitted（自评报送日期）应为日期，写作 2020-11-10（不加引号），实际为字符串 \"11月13日\"" in err


def test_the_plan_of_a_city_shows_the_lateness_under_its_title(capsys, tmp_path):
    city = tmp_path / "city.toml"
    shutil.copy(CITY, city)
    for fmt in ("text", "markdown"):
        code, out, _ = run(capsys, "plan", str(city), "--as-of", "2020-11-20", "--format", fmt)
        assert code == 0 and "自评报送期限 2020-11-15（湘建执函〔2020〕94号 通知 四）：已过期 5 天" in out.split("\n")[2 if fmt == "markdown" else 1]
    _, out, _ = run(capsys, "plan", str(city), "--as-of", "2020-11-20", "--format", "json")
    assert json.loads(out)["submission"]["status"] == "overdue"


def test_the_tui_overview_shows_the_countdown_on_its_own_line(host, tmp_path):
    import asyncio

    from textual.widgets import Static

    from ucm_check.tui.app import UcmApp

    city = tmp_path / "city.toml"
    shutil.copy(CITY, city)
    app = UcmApp(host, city, as_of=D(2020, 11, 1))

    async def look():
        async with app.run_test(size=(100, 36)) as pilot:
            await pilot.pause()
            line = app.screen.query_one("#submission", Static)
            return line.display, str(line.render())
    assert asyncio.run(look()) == (True, "自评报送期限 2020-11-15（湘建执函〔2020〕94号 通知 四）：还有 14 天")
