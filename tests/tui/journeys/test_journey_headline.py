"""Journeys for the headline: a blank template's provisional total, and a standard without points
(Henan 2021) read in statuses and dates on every screen."""

from __future__ import annotations

import datetime as dt
import shutil

from tests.tui.journeys.screen_text import ROOT, cli, henan_host, screen_text
from ucm_check.numbers import fmt
from ucm_check.tui.app import UcmApp

#: Words that only make sense for a standard with points.
POINTS_WORDS = ("总分", "本领域", "不扣分", "可挽回", " 0 分", "0/0")


async def test_a_blank_template_shows_the_answered_count_and_range_not_a_bare_total(host, tmp_path):
    assert cli("init", "u.toml", "--level", "县市区", cwd=tmp_path).returncode == 0
    app = UcmApp(host, tmp_path / "u.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        result = app.session.result
        low, high = result.lowest_total, result.total + result.max_further_bonus
        shown = screen_text(app)
        assert f"暂计 100 分（已答 0/" in shown and f"可能 {fmt(low)}～{fmt(high)} 分" in shown
        assert "总分 100 分" not in shown
        await pilot.press("enter")  # 一、加强基层党建工作; the cursor is on its first yes/no question
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        shown = screen_text(app)
        assert "暂计 100 分（已答 1/" in shown and "（1 条未填写）" not in shown.splitlines()[1]
        assert "总分 100 分" not in shown


def henan_profile(tmp_path, done: bool = False):
    text = (ROOT / "profiles" / "henan-county.toml").read_text(encoding="utf-8")
    path = tmp_path / "h.toml"
    path.write_text(text if done else text.replace("staff_subsystem = true", "staff_subsystem = false"),
                    encoding="utf-8")
    return path


async def test_henan_screens_speak_in_statuses_and_dates_never_in_points(tmp_path):
    host = henan_host()
    app = UcmApp(host, henan_profile(tmp_path), as_of=dt.date(2023, 1, 10))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = {"overview": screen_text(app)}
        met = sum(1 for f in app.session.result.findings if f.status == "compliant")
        assert "逾期 1 项" in seen["overview"] and f"已落实 {met} 项" in seen["overview"] and met > 1
        for area in app.session.standard.areas:
            app.open_area(area.id)
            await pilot.pause()
            seen[area.id] = screen_text(app)
        assert "逾期 10 天（时限 2022-12-31）" in seen["management"]
        app.action_gaps()
        await pilot.pause()
        seen["gaps"] = screen_text(app)
        assert "逾期 10 天" in seen["gaps"] and "逾期 1 项" in seen["gaps"]
        app.action_timetable()
        await pilot.pause()
        seen["timetable"] = screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        seen["help"] = screen_text(app)
    for name, text in seen.items():
        for word in POINTS_WORDS:
            assert word not in text, f"{word!r} on the {name} screen:\n{text}"


async def test_answering_no_while_a_completion_date_is_filled_in_asks_which_is_right(tmp_path):
    from ucm_check.tui.screens.dialogs import Confirm

    host = henan_host()
    for choice, answer, date in (("not_done", False, None), ("done", True, dt.date(2022, 10, 15))):
        app = UcmApp(host, henan_profile(tmp_path, done=True), as_of=dt.date(2023, 1, 10))
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_area("management")
            await pilot.pause()
            await pilot.press("n")  # the first question: 是否已建立 ... 子系统, with a date filled in
            await pilot.pause()
            assert isinstance(app.screen, Confirm) and "2022-10-15" in screen_text(app)
            app.screen.query_one(f"#{choice}").press()
            await pilot.pause()
            await pilot.pause()
            editor = app.session.editor
            assert editor.value("management", "staff_subsystem") is answer
            assert editor.value("management", "staff_subsystem_on") == date
            assert ("否" if not answer else "是") in screen_text(app)
            await pilot.press("y")  # the keys work at once on the rebuilt screen
            await pilot.pause()
            assert editor.value("management", "staff_subsystem") is True
        shutil.rmtree(tmp_path / "h.toml", ignore_errors=True)
