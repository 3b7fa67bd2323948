"""Journey: the clerk opens the 整改台账 from the self-check, edits an item, thinks better of it,
moves a deadline with a reason, closes an item, and the plan on disk says exactly that."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from textual.widgets import Select

from tests.tui.journeys.screen_text import ROOT, cli, screen_text
from ucm_check.plan import load_plan, plan_path_for
from ucm_check.plan.views import year_line
from ucm_check.files.textwidth import width
from ucm_check.tui.app import UcmApp
from ucm_check.tui.plan_editor import ItemEditor, ReasonDialog
from ucm_check.tui.screens.dialogs import Confirm
from ucm_check.tui.timetable import TimetableScreen

AS_OF = dt.date(2026, 11, 24)


def typical(tmp_path):
    path = tmp_path / "t.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", path)
    return path


def plan_json(path, tmp_path) -> dict:
    done = cli("plan", str(path), "--format", "json", "--as-of", AS_OF.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return {i["id"]: i for i in json.loads(done.stdout)["items"]}


async def open_first_item(app, pilot) -> ItemEditor:
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, TimetableScreen)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ItemEditor)
    return app.screen


async def test_typed_changes_are_asked_about_and_discarding_leaves_the_plan_as_it_was(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_first_item(app, pilot)
        before = plan_path_for(path).read_bytes()
        editor.query_one("#person").value = "王五"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "尚未保存" in screen_text(app)
        app.screen.query_one("#discard").press()
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
    assert plan_path_for(path).read_bytes() == before


async def test_the_reason_is_asked_only_when_the_deadline_moves_and_is_recorded(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_first_item(app, pilot)
        item_id, old = editor.item.id, editor.item.deadline
        reason_row = editor.query_one("#reason-row")
        editor.query_one("#person").value = "王五"
        await pilot.pause()
        assert not reason_row.display and "调整原因" not in screen_text(app)
        editor.query_one("#deadline").value = "2027/3/31"
        await pilot.pause()
        assert reason_row.display and "调整原因" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is editor and f"原时限 {old.isoformat()}" in screen_text(app)  # scrolled into view
        editor.query_one("#reason").value = "上级交办事项延期"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
    item = plan_json(path, tmp_path)[item_id]
    assert item["person"] == "王五" and item["deadline"] == "2027-03-31"
    assert item["history"] == [{"date": AS_OF.isoformat(), "old": old.isoformat(), "new": "2027-03-31",
                                "reason": "上级交办事项延期"}]


async def test_closing_an_item_whose_gap_still_shows_asks_why_and_keeps_the_answer(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_first_item(app, pilot)
        item_id = editor.item.id
        editor.query_one("#status", Select).value = "已销号"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog) and f"{item_id} 的差距仍然存在" in screen_text(app)
        await pilot.press("enter")  # no reason yet: asked again
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog) and "请填写原因" in screen_text(app)
        app.screen.query_one("#reason-text").value = "市局书面同意销号"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
    item = plan_json(path, tmp_path)[item_id]
    assert item["status"] == "已销号" and "销号说明：市局书面同意销号" in item["note"]


async def test_a_gap_fixed_only_in_unsaved_edits_is_not_closed_in_the_plan(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        app.answer("uniform", "dress_violations", 0)  # fixes HN-03-2, but only on screen
        await pilot.press("t")
        await pilot.pause()
        assert "保存后才计入" in " ".join(n.message for n in app._notifications)
        assert load_plan(plan_path_for(path)).item("HN-03-2").gap_closed is None
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
    assert load_plan(plan_path_for(path)).item("HN-03-2").gap_closed == AS_OF


async def test_the_timetable_and_its_dialog_speak_english_with_lang_en(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        shown = screen_text(app)
        assert "Done 0% (0/17)" in shown and "By area" in shown and "Deadline" in shown
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert "Edit" in shown and "Export" in shown and "编辑" not in shown
        await pilot.press("escape", "e")
        await pilot.pause()
        shown = screen_text(app)
        assert "Edit item" in shown and "Lead unit" in shown and "牵头单位" not in shown


def test_a_timetable_starting_in_december_labels_that_decembers_year():
    assert year_line([(2026, 12), (2027, 1), (2027, 2)]) == "26 2027"
    assert year_line([(2026, 11), (2026, 12), (2027, 1)]) == "2026  2027"
    assert year_line([(2026, 3), (2026, 4)]) == "2026"


def test_the_printed_timetable_starting_in_december_names_both_years(tmp_path):
    path = typical(tmp_path)
    done = cli("plan", str(path), "--as-of", "2026-12-01", cwd=tmp_path)
    lines = done.stdout.splitlines()
    heads = next(n for n, line in enumerate(lines) if line.startswith("编号"))
    assert lines[heads - 1].strip() == "26 2027" and lines[heads].split()[-6:][:2] == ["12", "01"]
    assert lines[heads - 1].index("26") == width(lines[heads][: lines[heads].index("12 01")])


async def test_at_80_columns_the_lead_unit_is_cut_short_with_the_full_name_below_and_the_months_scroll(tmp_path, host):
    """Issue 20: at 80x24 the 牵头单位 column was dropped. Every column stays (牵头 cut to four
    cells' worth, the detail naming it in full); the months that do not fit are reached with the
    arrow keys, as the top line says, while each row keeps its number on screen."""
    path = tmp_path / "hunan-county-typical.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", path)
    plan = (ROOT / "profiles" / "hunan-county-typical.plan.toml").read_text(encoding="utf-8")
    plan = plan.replace('lead_unit = "办公室"', 'lead_unit = "城市管理综合执法大队法制科"', 1)   # HN-01-3's
    (tmp_path / "hunan-county-typical.plan.toml").write_text(plan, encoding="utf-8")
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("1", "ctrl+home")                   # 问题清单, whose first row is HN-01-3
        await pilot.pause()
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "编号" in line)
        assert "牵头" in header and "左右键滚动查看其余月份" in text, text
        row = next(line for line in text.splitlines() if "HN-01-3" in line)
        assert "城市管.." in row
        assert "牵头单位：城市管理综合执法大队法制科" in text
        months = next(line for line in text.splitlines() if "11 12" in line)
        assert "05" not in months                              # the plan's last deadline is 2027-05-23
        ids = {word for line in text.splitlines() for word in line.split() if word.startswith("HN-")}
        await pilot.press(*["right"] * 40)                   # one cell a press; held down, the key repeats
        await pilot.pause()
        scrolled = screen_text(app)
        months = next(line for line in scrolled.splitlines() if " 05" in line and "HN-" not in line)
        assert "04 05" in months, scrolled
        assert any(line.startswith(" 区域") for line in scrolled.splitlines()), scrolled   # the group column stays
        assert ids <= {word for line in scrolled.splitlines() for word in line.split() if word.startswith("HN-")}
