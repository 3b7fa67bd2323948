"""Snapshots of the main screens at 80x24, the smallest terminal the TUI promises to fit.

Regenerate after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs under ``__snapshots__`` before committing them.
"""

from __future__ import annotations


def test_overview_at_80x24(snap_compare, make_app, profile_copy):
    assert snap_compare(make_app(profile_copy()), terminal_size=(80, 24))


def test_area_walkthrough_at_80x24(snap_compare, make_app, profile_copy):
    async def enter_party(pilot):
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(profile_copy("hunan-county-incomplete.toml")), terminal_size=(80, 24),
                        run_before=enter_party)


def test_gaps_at_80x24(snap_compare, make_app, profile_copy):
    assert snap_compare(make_app(profile_copy()), press=["g"], terminal_size=(80, 24))


def test_area_walkthrough_with_every_input_kind_at_120x36(snap_compare, make_app, profile_copy):
    """Choice list, yes/no switches, a multi-select and typed counts, in a larger terminal."""

    async def enter_training(pilot):
        pilot.app.open_area("training")
        await pilot.pause()

    assert snap_compare(make_app(profile_copy()), terminal_size=(120, 36), run_before=enter_training)
