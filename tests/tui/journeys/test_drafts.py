"""Journey: unsaved answers survive a crash, and the draft comes back from every way in.

The crash here leaves the app without saving or quitting, exactly what a closed terminal leaves
behind: the profile as it was and the draft beside it. (test_real_terminal.py kills a real process.)
"""

from __future__ import annotations

from textual.widgets import Input, OptionList

from journeys.driver import answer, check_json, open_area, settle
from tests.packs import run_cli
from ucm_check.profile.editing import draft_path

SIZE = (100, 36)
ANSWERED = {("uniform", "dress_violations"): 4, ("uniform", "staff_not_fully_equipped"): 1}


async def crash_with_unsaved_answers(tmp_path, make_app):
    """init, tui, two answers, the draft written a second later, then the terminal is gone."""
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "uniform")
        await answer(pilot, app, "uniform", "dress_violations", 4)
        await answer(pilot, app, "uniform", "staff_not_fully_equipped", 1)
        for _ in range(100):  # the autosave timer, within a second of the last answer
            await pilot.pause(0.05)
            draft = app.session.editor.read_draft()
            if draft and len(draft["edits"]) == 2:
                break
        assert app.session.editor.read_draft()["edits"] == ANSWERED
    assert path.read_bytes() == before
    return path


def topbar(app) -> str:
    return str(app.screen.query_one("#topbar").render())


async def recover_then_answer_and_save(pilot, app, path) -> None:
    """The recovery dialog is up: take the draft, see it said on screen, answer once more, save."""
    assert type(app.screen).__name__ == "Confirm", type(app.screen).__name__
    assert "2 处未保存的修改" in str(app.screen.query_one("#message").render())
    await pilot.press("enter")  # 恢复草稿 has the focus
    await settle(pilot)
    assert app.session.editor.edits == ANSWERED
    assert "已恢复草稿" in topbar(app)
    await open_area(pilot, app, "party")
    await answer(pilot, app, "party", "organization_established", True)
    app.write_draft()  # the next autosave keeps the recovered answers, not only the new one
    assert len(app.session.editor.read_draft()["edits"]) == 3
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not app.session.editor.dirty and not draft_path(path).exists()
    assert "已恢复草稿" not in topbar(app)


def assert_on_disk(path) -> None:
    report = check_json(path)
    codes = {f["code"]: f["status"] for area in report["areas"] for f in area["findings"]}
    assert codes["HN-03-1"] == codes["HN-03-2"] == "deducted" and codes["HN-01-1"] == "compliant"
    assert report["completeness"]["answered"] == 3


async def test_a_draft_is_recovered_from_the_start_list(tmp_path, make_app, monkeypatch):
    path = await crash_with_unsaved_answers(tmp_path, make_app)
    monkeypatch.chdir(tmp_path)
    app = make_app()  # ucm-check tui, no argument
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listed = app.screen.query_one("#profiles", OptionList).get_option_at_index(0)
        assert "u.toml" in str(listed.prompt) and "草稿" in str(listed.prompt)
        await pilot.press("enter")
        await settle(pilot)
        await recover_then_answer_and_save(pilot, app, path)
    assert_on_disk(path)


async def test_a_draft_is_recovered_when_the_file_is_named_on_the_command_line(tmp_path, make_app):
    path = await crash_with_unsaved_answers(tmp_path, make_app)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await recover_then_answer_and_save(pilot, app, path)
    assert_on_disk(path)


async def test_a_draft_is_recovered_through_the_new_self_check_form(tmp_path, make_app, monkeypatch):
    path = await crash_with_unsaved_answers(tmp_path, make_app)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#path", Input).focus()
        await pilot.press("end", "ctrl+u", *"u.toml", "enter")
        await settle(pilot)
        assert "已存在" in str(app.screen.query_one("#errors").render())
        await pilot.press("enter")
        await settle(pilot)
        await recover_then_answer_and_save(pilot, app, path)
    assert_on_disk(path)


async def test_discarding_a_draft_keeps_the_file_and_removes_the_draft(tmp_path, make_app):
    path = await crash_with_unsaved_answers(tmp_path, make_app)
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right", "enter")  # 丢弃草稿
        await settle(pilot)
        assert not app.session.editor.dirty and not draft_path(path).exists()
    assert path.read_bytes() == before
