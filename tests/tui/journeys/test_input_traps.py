"""Journey: the traps of typing answers, walked with the keys on a blank county template."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual.widgets import Input, SelectionList

from journeys.driver import answer, focus_fact, open_area, settle
from tests.packs import pack_host, run_cli
from ucm_check.profile.reading import load_profile
from ucm_check.profile.template import render

SIZE = (100, 36)


def blank(tmp_path):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    return path


def problem_of(field) -> str:
    return str(field.query_one(".problem").render())


async def test_a_percent_of_one_or_less_asks_whether_it_is_a_fraction(tmp_path, make_app, host):
    path = blank(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "discipline")
        field = await focus_fact(pilot, app, "discipline", "certificate_rate")
        await pilot.press(*"0.85")
        await settle(pilot)
        assert "0.85 是 0.85% 还是 85%" in problem_of(field)
        # nothing typed on the way (0, 0.8) is committed, and the ambiguous 0.85 is not scored until asked
        assert app.session.editor.value("discipline", "certificate_rate") is None
        await pilot.press("tab")
        await settle(pilot)
        assert type(app.screen).__name__ == "Confirm"
        assert "0.85" in str(app.screen.query_one("#message").render())
        await pilot.click("#fraction")
        await settle(pilot)
        assert app.session.editor.value("discipline", "certificate_rate") == Decimal("85")
        assert field.query_one(Input).value == "85"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_profile(str(path), host.standards).facts["discipline"] == {"certificate_rate": Decimal("85")}


async def test_a_percent_confirmed_as_typed_stays_that_small(tmp_path, make_app):
    app = make_app(blank(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "discipline")
        await focus_fact(pilot, app, "discipline", "certificate_rate")
        await pilot.press("1", "enter")
        await settle(pilot)
        await pilot.click("#percent")
        await settle(pilot)
        assert app.session.editor.value("discipline", "certificate_rate") == Decimal("1")


async def test_retyping_a_number_keeps_scoring_the_committed_value_until_the_field_is_left(tmp_path, make_app):
    app = make_app(blank(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "uniform")
        await answer(pilot, app, "uniform", "dress_violations", 7)
        total_at_7 = app.session.result.total
        field = await focus_fact(pilot, app, "uniform", "dress_violations")
        await pilot.press("end", "ctrl+u")
        await settle(pilot)
        assert app.session.editor.value("uniform", "dress_violations") == 7
        assert app.session.result.total == total_at_7 and "离开此栏" in problem_of(field)
        await pilot.press("x")
        await settle(pilot)
        assert app.session.editor.value("uniform", "dress_violations") == 7
        assert "未采用，评分仍按：7" in problem_of(field)
        await pilot.press("backspace", "1", "2")
        await settle(pilot)
        assert app.session.editor.value("uniform", "dress_violations") == 7  # typed, not yet left
        assert problem_of(field) == ""
        await pilot.press("tab")
        await settle(pilot)
        assert app.session.editor.value("uniform", "dress_violations") == 12  # never the 1 typed on the way


async def test_an_emptied_number_becomes_unanswered_when_the_field_is_left(tmp_path, make_app, host):
    path = blank(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "uniform")
        await answer(pilot, app, "uniform", "dress_violations", 7)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await focus_fact(pilot, app, "uniform", "dress_violations")
        await pilot.press("end", "ctrl+u", "shift+tab")
        await settle(pilot)
        assert app.session.editor.value("uniform", "dress_violations") is None
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load_profile(str(path), host.standards).facts["uniform"] == {}


async def test_a_ticked_item_looks_different_from_an_unticked_one_without_colour(tmp_path, make_app):
    app = make_app(blank(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "systems")
        field = await focus_fact(pilot, app, "systems", "power_list_published")
        await pilot.press("space")
        await settle(pilot)
        items = field.query_one(SelectionList)
        first, second = (items.render_line(y).text for y in (0, 1))
        assert first.startswith("▐X▌") and not second.startswith("▐X▌")
        assert first[3:] .strip() == "行政职权及其依据" and second[3:].strip() == "行使主体"


async def test_a_date_typed_the_chinese_way_is_saved_and_an_impossible_one_is_named(tmp_path):
    from ucm_check.tui.app import UcmApp

    henan = pack_host()
    path = tmp_path / "h.toml"
    path.write_text(render(henan.standards["henan-2021"], level="县（市、区）", name="某县"), encoding="utf-8")
    app = UcmApp(henan, path)
    async with app.run_test(size=SIZE) as pilot:
        area = henan.standards["henan-2021"].areas[0]
        key = next(f.key for f in area.facts if f.kind == "date")
        await open_area(pilot, app, area.id)
        field = await focus_fact(pilot, app, area.id, key)
        await pilot.press(*"2023年2月30日")
        await settle(pilot)
        assert "2月没有30日" in problem_of(field) and "请输入日期" not in problem_of(field)
        assert "未采用，评分仍按：未填写" in problem_of(field)
        await pilot.press("tab")
        await settle(pilot)
        assert app.session.editor.value(area.id, key) is None  # never 2023-02-03, typed on the way
        field = await focus_fact(pilot, app, area.id, key)
        await pilot.press("end", "ctrl+u", *"2023/3/1")
        await settle(pilot)
        await pilot.press("ctrl+s")  # saving takes the valid date still in the field
        await settle(pilot)
    assert load_profile(str(path), henan.standards).facts[area.id][key] == dt.date(2023, 3, 1)


async def test_more_trained_than_recruited_is_questioned_but_kept(tmp_path):
    from ucm_check.tui.app import UcmApp

    henan = pack_host()
    path = tmp_path / "h.toml"
    path.write_text(render(henan.standards["henan-2021"], level="县（市、区）", name="某县"), encoding="utf-8")
    app = UcmApp(henan, path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "capacity")
        await answer(pilot, app, "capacity", "new_recruits", 3)
        field = await focus_fact(pilot, app, "capacity", "new_recruits_trained")
        await answer(pilot, app, "capacity", "new_recruits_trained", 5)
        warning = str(field.query_one(".warning").content)
        assert "请核对" in warning and "（5）大于评价年度新招录执法人员人数（3）" in warning
        assert app.session.editor.value("capacity", "new_recruits_trained") == 5
        await answer(pilot, app, "capacity", "new_recruits_trained", 3)
        assert not field.query_one(".warning").display
