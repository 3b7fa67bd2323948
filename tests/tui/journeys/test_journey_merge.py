"""Journey: another program changes the profile while the clerk edits it in the TUI; saving offers a
merge, a value both sides changed is asked about with both versions shown, and the keys work at once."""

from __future__ import annotations

import shutil

from textual.widgets import Input

from tests.tui.journeys.screen_text import ROOT, cli, screen_text
from ucm_check.tui.app import UcmApp
from ucm_check.tui.screens.dialogs import Confirm


def typical(tmp_path):
    path = tmp_path / "t.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", path)
    return path


def someone_else_writes(path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


async def edit_dress_violations(app, pilot, value: str) -> None:
    app.open_area("uniform", "HN-03-2")
    await pilot.pause()
    box = app.screen.query_one("#fact-uniform-dress_violations Input", Input)
    assert app.focused is box
    box.value = value
    await pilot.pause()


async def save_and_merge(app, pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, Confirm) and "已被其他程序修改" in screen_text(app)
    app.screen.query_one("#disk").press()
    await pilot.pause()


async def test_a_value_both_sides_changed_is_asked_about_and_theirs_can_win(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit_dress_violations(app, pilot, "2")
        someone_else_writes(path, ("dress_violations = 7", "dress_violations = 5"),
                            ("staff_not_fully_equipped = 0", "staff_not_fully_equipped = 1"))
        await save_and_merge(app, pilot)
        shown = screen_text(app)
        assert isinstance(app.screen, Confirm)
        assert "您的修改：2起" in shown and "对方的修改（磁盘上）：5起" in shown
        app.screen.query_one("#theirs").press()
        await pilot.pause()
        await pilot.pause()
        assert not app.session.editor.dirty
        box = app.focused
        assert isinstance(box, Input) and box.value == "5"  # the cursor is back on the question
        await pilot.press("backspace", "3", "enter")  # the keys work at once (enter commits)
        await pilot.pause()
        assert app.session.editor.value("uniform", "dress_violations") == 3
    text = path.read_text(encoding="utf-8")
    assert "dress_violations = 5" in text and "staff_not_fully_equipped = 1" in text
    assert cli("check", str(path), cwd=tmp_path).returncode == 0


async def test_keeping_mine_writes_my_value_and_keeps_their_other_change(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit_dress_violations(app, pilot, "2")
        someone_else_writes(path, ("dress_violations = 7", "dress_violations = 5"),
                            ("staff_not_fully_equipped = 0", "staff_not_fully_equipped = 1"))
        await save_and_merge(app, pilot)
        app.screen.query_one("#mine").press()
        await pilot.pause()
        await pilot.pause()
        assert "总分" in screen_text(app) and not app.session.editor.dirty
    text = path.read_text(encoding="utf-8")
    assert "dress_violations = 2" in text and "staff_not_fully_equipped = 1" in text


async def test_changes_to_different_values_merge_without_a_question(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit_dress_violations(app, pilot, "2")
        someone_else_writes(path, ("staff_not_fully_equipped = 0", "staff_not_fully_equipped = 1"))
        await save_and_merge(app, pilot)
        await pilot.pause()
        assert not isinstance(app.screen, Confirm) and not app.session.editor.dirty
    text = path.read_text(encoding="utf-8")
    assert "dress_violations = 2" in text and "staff_not_fully_equipped = 1" in text


async def test_cancelling_the_question_saves_nothing_and_keeps_the_edit(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit_dress_violations(app, pilot, "2")
        someone_else_writes(path, ("dress_violations = 7", "dress_violations = 5"))
        await save_and_merge(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.editor.value("uniform", "dress_violations") == 2 and app.session.editor.dirty
    assert "dress_violations = 5" in path.read_text(encoding="utf-8")
