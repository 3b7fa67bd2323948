"""Journey: editing a finished bundled profile with the keys, multi-line arrays included."""

from __future__ import annotations

import shutil

from journeys.driver import answer, check_json, open_area, settle, statuses
from tests.packs import ROOT
from ucm_check.profile.editing import CLEARED
from ucm_check.profile.reading import load_profile

SIZE = (100, 36)
TOPICS = ("违法案件的种类、违法行为的特征与构成要件", "查处违法行为的基本要求",
          "城管综合执法中的证据、种类与证据规则", "城管综合执法中的证据收集、证据分析与事实认定")


def city(tmp_path):
    path = tmp_path / "city.toml"
    shutil.copy(ROOT / "profiles" / "hunan-city.toml", path)
    return path


def topic_lines(path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "practice_topics = [" in line)
    end = next(i for i in range(start, len(lines)) if lines[i].lstrip("# ").startswith("]"))
    return lines[start:end + 1]


async def save(pilot, app) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not app.session.editor.dirty, [n.message for n in app._notifications]


async def test_a_multi_line_array_is_edited_cleared_and_answered_again_one_item_per_line(tmp_path, make_app, host):
    path = city(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_area(pilot, app, "training")
        await answer(pilot, app, "training", "practice_topics", TOPICS[:2] + TOPICS[3:])
        await save(pilot, app)
        assert topic_lines(path) == ["practice_topics = [", f'    "{TOPICS[0]}",', f'    "{TOPICS[1]}",',
                                     f'    "{TOPICS[3]}",', "]"]
        assert statuses(check_json(path))["HN-02-3"] == "deducted"

        await answer(pilot, app, "training", "practice_topics", CLEARED)
        await save(pilot, app)
        assert all(line.lstrip().startswith("#") for line in topic_lines(path))
        report = check_json(path)
        assert report["valid"] and statuses(report)["HN-02-3"] == "unanswered"

        await answer(pilot, app, "training", "practice_topics", TOPICS)
        await save(pilot, app)
    # the items kept stay where they were; the one ticked again goes last, on its own line
    order = TOPICS[:2] + TOPICS[3:] + TOPICS[2:3]
    assert topic_lines(path) == ["practice_topics = [", *(f'    "{t}",' for t in order), "]"]
    assert set(load_profile(str(path), host.standards).facts["training"]["practice_topics"]) == set(TOPICS)
    original = (ROOT / "profiles" / "hunan-city.toml").read_text(encoding="utf-8").splitlines()
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(original)


async def test_every_kind_changed_on_a_typical_profile_keeps_its_notes(tmp_path, make_app, host):
    path = tmp_path / "t.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", path)
    notes = [line for line in path.read_text(encoding="utf-8").splitlines() if "#" in line]
    changes = [("party", "organization_established", False), ("party", "civilization_plan", "已制定并实施"),
               ("uniform", "dress_violations", 0), ("discipline", "certificate_rate", 97)]
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        for area, key, value in changes:
            await open_area(pilot, app, area)
            await answer(pilot, app, area, key, value)
            await pilot.press("escape")
            await settle(pilot)
        await save(pilot, app)
    facts = load_profile(str(path), host.standards).facts
    assert [facts[a][k] for a, k, _ in changes] == [v for _, _, v in changes]
    text = path.read_text(encoding="utf-8")
    kept = [n.split("#", 1)[1] for n in notes]
    assert all(k in text for k in kept)
    assert check_json(path)["valid"]
