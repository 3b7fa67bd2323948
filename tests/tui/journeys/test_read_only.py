"""A file without write permission (judged by its mode bits, even for root) opens in a view mode:
the clerk can look and answer, and ctrl+s saves under another name (另存为); the file is untouched."""

from __future__ import annotations

import os

from journeys.driver import settle
from tests.packs import run_cli

SIZE = (100, 36)


def read_only_profile(tmp_path):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    os.chmod(path, 0o444)  # root could still write it: the mode bits decide, as in editors
    return path


async def test_the_start_list_opens_a_read_only_profile_for_viewing_and_saves_it_as_a_new_file(tmp_path, make_app, monkeypatch, host):
    from ucm_check.profile.reading import load_profile

    path = read_only_profile(tmp_path)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "OverviewScreen"
        assert "只读" in str(app.screen.query_one("#topbar").render())
        await pilot.press("enter", "y")                       # answering works in view mode
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "SaveAs"
        assert "只读" in str(app.screen.query_one("#message").content)
        assert app.screen.query_one("#save-as-path").value.endswith("u-副本.toml")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.editor.path.name == "u-副本.toml" and not app.session.editor.edits
    assert path.read_bytes() == before
    copy = load_profile(str(tmp_path / "u-副本.toml"), host.standards)
    assert copy.facts["party"] == {"organization_established": True}


def test_the_command_line_opens_a_read_only_profile_instead_of_refusing_it(tmp_path):
    import shutil
    import sys

    import pytest

    from tests.terminal import Pane

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    path = read_only_profile(tmp_path)
    term = Pane(f"{sys.executable} -m ucm_check tui u.toml --no-entry-points", tmp_path)
    try:
        shown = term.wait_for("只读")
        assert "加强基层党建工作" in shown and "Traceback" not in shown
    finally:
        term.close()


async def test_a_profile_made_read_only_while_open_keeps_the_answers_and_says_why(tmp_path, make_app):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "y")
        await settle(pilot)
        os.chmod(path, 0o444)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "SaveAs" and "只读" in str(app.screen.query_one("#message").content)
        await pilot.press("escape")
        await settle(pilot)
        assert app.session.editor.edits == {("party", "organization_established"): True}
    assert path.read_bytes() == before


async def test_a_read_only_plan_is_refused_before_the_timetable_opens(tmp_path, make_app, profile_copy):
    path = profile_copy()
    assert run_cli("plan", str(path), "--as-of", "2026-11-24").returncode == 0
    plan = path.with_name("t.plan.toml")
    os.chmod(plan, 0o444)
    before = plan.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "OverviewScreen"
        assert any("只读" in n.message and "t.plan.toml" in n.message for n in app._notifications)
    assert plan.read_bytes() == before


async def test_ctrl_s_in_view_mode_offers_save_as_even_before_any_answer(tmp_path, make_app):
    """The view-mode notice says ctrl+s saves as a new file: it must, even with nothing changed, so
    the clerk gets a writable copy to work in (quitting with nothing changed still just quits)."""
    path = read_only_profile(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "SaveAs"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.editor.path.name == "u-副本.toml" and not app.session.editor.read_only_reason
    assert (tmp_path / "u-副本.toml").read_bytes() == path.read_bytes()
