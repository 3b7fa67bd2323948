"""A file without write permission is refused before any answer is typed, even for root."""

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


def test_the_command_line_refuses_a_read_only_profile_in_chinese(tmp_path):
    path = read_only_profile(tmp_path)
    out = run_cli("tui", str(path), "--no-entry-points")
    assert out.returncode == 2
    assert "只读" in out.stderr and "u.toml" in out.stderr and "0444" in out.stderr
    assert "Traceback" not in out.stderr


async def test_the_start_list_refuses_a_read_only_profile_and_stays_open(tmp_path, make_app, monkeypatch):
    path = read_only_profile(tmp_path)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "StartScreen" and app.session is None
        assert "只读" in str(app.screen.query_one("#errors").render())
    assert path.read_bytes() == before


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
        assert any("只读" in n.message for n in app._notifications)
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
