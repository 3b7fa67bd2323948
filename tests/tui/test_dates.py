"""Date facts (the Henan 2021 pack's obligations) in the walkthrough, scored as of a chosen day."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs
import pytest
from textual.widgets import Input, Static

from tests.tui.journeys.screen_text import henan_host as load_henan_host
from ucm_check.profile.checking import score
from ucm_check.profile.reading import load_profile

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def henan_host():
    """The builtin Hunan standard and the Henan 2021 pack from this tree (every module it has)."""
    return load_henan_host()


async def test_typing_a_date_rescores_to_the_engines_value_as_of_the_chosen_day(henan_host, tmp_path):
    from ucm_check.tui.app import UcmApp

    path = tmp_path / "h.toml"
    shutil.copy(ROOT / "profiles" / "henan-county.toml", path)
    app = UcmApp(henan_host, path, as_of=AS_OF)
    async with app.run_test(size=(100, 36)) as pilot:
        app.open_area("management")
        await pilot.pause()
        before = app.session.result
        box = app.screen.query_one("#fact-management-staff_subsystem_on Input", Input)
        assert box.value == "2022-10-15"
        box.focus()
        box.value = "2023-03-01"
        await pilot.press("enter")  # committed when the field is submitted or left
        await pilot.pause()
        profile = load_profile(str(path), henan_host.standards)
        facts = {a: dict(v) for a, v in profile.facts.items()}
        facts["management"]["staff_subsystem_on"] = dt.date(2023, 3, 1)
        expected = score(attrs.evolve(profile, facts=facts), henan_host, as_of=AS_OF)
        assert app.session.result.total == expected.total
        finding = next(f for f in app.session.result.findings if f.rule.code == "HEN-23-2")
        old = next(f for f in before.findings if f.rule.code == "HEN-23-2")
        assert (finding.status, finding.observed, finding.note) != (old.status, old.observed, old.note)
        assert app.session.editor.value("management", "staff_subsystem_on") == dt.date(2023, 3, 1)
        box.value = "01/03/2023"  # day first: not one of the forms read (2023-03-01, 2023/3/1, 2023.3.1, 2023年3月1日)
        await pilot.pause()
        field = app.screen.query_one("#fact-management-staff_subsystem_on")
        assert "2021年12月31日" in str(field.query_one(".problem", Static).render())
        assert app.session.result.total == expected.total
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "staff_subsystem_on = 2023-03-01" in path.read_text(encoding="utf-8")


async def test_dated_duties_read_in_chinese_and_areas_without_points_count_duties_met(henan_host, tmp_path):
    from textual.widgets import DataTable

    from ucm_check.tui.app import UcmApp

    path = tmp_path / "h.toml"
    text = (ROOT / "profiles" / "henan-county.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("staff_subsystem = true", "staff_subsystem = false"), encoding="utf-8")
    app = UcmApp(henan_host, path, as_of=AS_OF)
    async with app.run_test(size=(100, 36)) as pilot:
        area = next(a for a in app.session.result.areas if a.area.id == "management")
        applicable = [f for f in area.findings if f.status != "not_applicable"]
        met = sum(1 for f in applicable if f.status == "compliant")
        row = app.screen.query_one("#areas", DataTable).get_row("management")
        assert str(row[1]) == f"{met}/{len(applicable)} 项" and met < len(applicable)
        app.open_area("management")
        await pilot.pause()
        days = (AS_OF - dt.date(2022, 12, 31)).days
        assert str(app.screen.query_one("#rule-HEN-23-2 .status", Static).render()) == f"逾期 {days} 天（时限 2022-12-31）"


async def test_a_record_of_reports_is_edited_one_row_per_period_and_saved_as_an_inline_table(henan_host, tmp_path):
    from textual.widgets import Input

    from ucm_check.tui.app import UcmApp
    from ucm_check.tui.records import RecordRow

    path = tmp_path / "city.toml"
    shutil.copy(ROOT / "profiles" / "henan-city.toml", path)
    app = UcmApp(henan_host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_area("reporting", "HEN-00-1")
        await pilot.pause()
        field = app.screen.query_one("#fact-reporting-annual_summary_last")
        rows = [row.pair() for row in field.query(RecordRow)]
        assert rows[:2] == [("2021", "2021-12-14"), ("2022", "2022-12-13")] and len(rows) == 5
        before = next(f for f in app.session.result.findings if f.rule.code == "HEN-00-1")
        assert before.status == "due_soon"
        field.query_one(".r-add").focus()
        await pilot.press("enter")                        # 添加一期: a new row, its period focused
        await pilot.pause()
        await pilot.press(*"2026", "tab", *"2026/2/30", "tab")
        await pilot.pause()
        assert "2月没有30日" in str(field.query_one(".problem", Static).render())
        assert app.session.editor.value("reporting", "annual_summary_last") == before_log(app, path, henan_host)
        box = list(field.query(RecordRow))[-1].query_one(".r-date", Input)
        box.focus()
        await pilot.press("ctrl+u", *"2026年11月20日", "tab", "tab", "tab")  # out of the list: committed
        await pilot.pause()
        after = next(f for f in app.session.result.findings if f.rule.code == "HEN-00-1")
        assert (after.status, after.note) == ("compliant", "2026年度已报送")
        list(field.query(RecordRow))[0].query_one(".r-remove").press()  # 删除 the 2021 row
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_profile(str(path), henan_host.standards).get("reporting.annual_summary_last")
    assert [(p.key, d.isoformat()) for p, d in saved.filed] == [
        ("2022", "2022-12-13"), ("2023", "2023-12-15"), ("2024", "2024-12-10"), ("2025", "2025-12-12"), ("2026", "2026-11-20")]
    assert '\nannual_summary_last = { "2022" = 2022-12-13, ' in path.read_text(encoding="utf-8")   # one line, in place


def before_log(app, path, host):
    """The record as the file holds it (nothing typed is committed while it is invalid)."""
    return load_profile(str(path), host.standards).get("reporting.annual_summary_last")



async def test_a_duty_done_late_reads_met_late_on_its_card_and_in_the_overview_not_met(henan_host, tmp_path):
    """Seed 001 (方案 二（三）6, 2022年6月底前): the city's 监督考核办法 came on 2022-09-01, 63 days late."""
    from ucm_check.tui.app import UcmApp

    path = tmp_path / "city.toml"
    shutil.copy(ROOT / "profiles" / "henan-city.toml", path)
    app = UcmApp(henan_host, path, as_of=AS_OF)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        overview = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "逾期完成 1 项" in overview
        app.open_area("management", "HEN-23-6")
        await pilot.pause()
        assert str(app.screen.query_one("#rule-HEN-23-6 .status", Static).render()) == "逾期完成（时限 2022-06-30）"
