"""Journey 1: a county clerk's first self-check, from the blank file ``ucm-check init`` writes.

``init``, ``tui``, enter on the first area, ``y``, ``ctrl+s`` (issue 9: this failed with "'bool'
object has no attribute 'trivia'"), then one answer of every kind, saved, reopened and checked on
disk by ``ucm-check check`` as CI would.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest

from journeys.driver import answer, check_json, open_area, settle, statuses
from tests.packs import ROOT, cli_env, pack_host, run_cli
from ucm_check.profile.editing import CLEARED
from ucm_check.profile.reading import load_profile

SIZE = (100, 36)


def init(tmp_path, *args: str, env=None):
    path = tmp_path / "u.toml"
    out = run_cli("init", str(path), *args, env=env)
    assert out.returncode == 0, out.stderr
    return path


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_first_yes_answer_on_a_blank_county_template_is_saved(tmp_path, make_app):
    path = init(tmp_path, "--level", "县市区")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not any("保存失败" in n for n in notices(app)), notices(app)
        assert not app.session.editor.dirty
    report = check_json(path)
    assert statuses(report)["HN-01-1"] == "compliant"
    assert report["completeness"]["answered"] == 1


#: One question of every kind on a blank Hunan county template, with the keys a clerk presses.
HUNAN_ANSWERS = [
    ("party", "organization_established", False),                      # yes/no
    ("party", "civilization_plan", "方案未落实"),                          # choice
    ("uniform", "dress_violations", 3),                                 # count
    ("systems", "power_list_published", ("行政职权及其依据", "运行流程")),    # multi-select
    ("discipline", "certificate_rate", Decimal("96.5")),                # percent
]


async def test_one_answer_of_every_kind_is_saved_reopened_changed_and_cleared(tmp_path, make_app, host):
    path = init(tmp_path, "--level", "县市区")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        for area, key, value in HUNAN_ANSWERS:
            await open_area(pilot, app, area)
            await answer(pilot, app, area, key, value)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.editor.dirty, notices(app)
        await pilot.press("ctrl+q")
    facts = load_profile(str(path), host.standards).facts
    for area, key, value in HUNAN_ANSWERS:
        assert facts[area][key] == value, (area, key)
    report = check_json(path)
    rules = statuses(report)
    assert [rules[c] for c in ("HN-01-1", "HN-01-3", "HN-03-2", "HN-05-4", "HN-06-4")] == ["deducted"] * 4 + ["compliant"]
    assert report["completeness"]["answered"] == 5

    app = make_app(path)  # reopen: change two answers, clear the others
    async with app.run_test(size=SIZE) as pilot:
        changes = [("party", "organization_established", True), ("party", "civilization_plan", CLEARED),
                   ("uniform", "dress_violations", CLEARED), ("systems", "power_list_published", CLEARED),
                   ("discipline", "certificate_rate", Decimal("100"))]
        for area, key, value in changes:
            await open_area(pilot, app, area)
            await answer(pilot, app, area, key, value)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.session.editor.dirty, notices(app)
    facts = load_profile(str(path), host.standards).facts
    assert facts["party"] == {"organization_established": True}
    assert facts["uniform"] == {} and facts["systems"] == {}
    assert facts["discipline"] == {"certificate_rate": Decimal("100")}
    assert check_json(path)["completeness"]["answered"] == 2
