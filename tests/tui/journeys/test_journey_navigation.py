"""Journey: moving around — from the gap list to a question and back, the palette's areas in the
standard's order, and the small texts a clerk reads on the way (labels, area names, help)."""

from __future__ import annotations

import re
import shutil

from tests.tui.journeys.screen_text import ROOT, screen_text
from ucm_check.tui.app import UcmApp
from ucm_check.tui.screens.area import AreaScreen
from ucm_check.tui.screens.gaps import GapsScreen
from ucm_check.tui.screens.overview import OverviewScreen


def typical(tmp_path):
    path = tmp_path / "t.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", path)
    return path


async def test_escape_after_jumping_from_the_gap_list_returns_to_the_gap_list(host, tmp_path):
    app = UcmApp(host, typical(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        second = app.session.result.gaps()[1]
        assert isinstance(app.screen, AreaScreen) and app.screen.focus_rule == second.rule.code
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GapsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_g_from_a_question_opened_in_the_gap_list_goes_back_to_that_list(host, tmp_path):
    app = UcmApp(host, typical(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "enter")
        await pilot.pause()
        app.action_gaps()
        await pilot.pause()
        assert isinstance(app.screen, GapsScreen)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["OverviewScreen", "GapsScreen"]


async def test_the_palette_lists_the_areas_in_the_standards_order(host, tmp_path):
    from textual.command import CommandList

    app = UcmApp(host, typical(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        shown = [str(o.prompt).split("\n")[0] for o in app.screen.query_one(CommandList)._options]
    areas = [s for s in shown if s.startswith("前往：")]
    expected = [f"前往：{n}、" for n in "一 二 三 四 五 六 七 八 九 十 十一 十二".split()]
    assert [a[: len(e)] for a, e in zip(areas, expected)] == expected
    assert areas[-1] == "前往：加分评价" and len(areas) == 13


async def test_labels_and_area_names_do_not_repeat_themselves(host, tmp_path):
    app = UcmApp(host, typical(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        shown = screen_text(app)
        assert "加分评价" in shown and "加分 加分评价" not in shown
        app.open_area("bonus")
        await pilot.pause()
        shown = screen_text(app)
        assert "加分评价  加分" in shown and "加分、加分评价" not in shown
        assert "项（次）数" in shown and "项（次）数（项（次））" not in shown
        app.open_area("assigned")
        await pilot.pause()
        assert "项（次）数（项（次））" not in screen_text(app)


async def test_help_in_chinese_has_no_english_and_no_line_that_is_only_punctuation(host, tmp_path):
    app = UcmApp(host, typical(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for where in ("overview", "area", "timetable"):
            if where == "area":
                app.open_area("party")
            elif where == "timetable":
                await pilot.press("escape", "t")
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            dialog = app.screen.query_one("#dialog")
            dialog.scroll_end(animate=False)
            await pilot.pause()
            for text in (screen_text(app),):
                assert not re.search(r"[A-Z][a-z]+ [a-z]+", text), text  # "Focus Next", "Copy selected text"
                inner = [line.strip(" █▀▄▆▇▂▃▅▁") for line in text.splitlines()]
                assert not any(line in ("。", "，", "）") for line in inner), text
            await pilot.press("escape")
            await pilot.pause()
