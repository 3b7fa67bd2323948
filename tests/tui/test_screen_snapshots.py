"""Every screen at 80x24 (the smallest terminal promised) and 120x36, in Chinese and English.

Beside each snapshot, the same run checks what must never be cut at that size: the footer's
``^p 命令`` and the lines each screen exists to show. Regenerate after an intended change with
``pytest tests/tui/test_screen_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.tui.journeys.screen_text import screen_text

AS_OF = dt.date(2026, 11, 24)
SIZES = [(80, 24), (120, 36)]
LANGS = ["zh", "en"]
FOOTER = {"zh": "^p 命令", "en": "^p Commands"}


async def to_overview(pilot):
    await pilot.pause()


async def to_area(pilot):
    pilot.app.open_area("party")
    await pilot.pause()


async def to_gaps(pilot):
    await pilot.press("g")
    await pilot.pause()


async def to_help(pilot):
    await pilot.press("question_mark")
    await pilot.pause()


async def to_export(pilot):
    await pilot.press("x")
    await pilot.pause()


async def to_timetable(pilot):
    await pilot.press("t")
    await pilot.pause()


async def to_item_editor(pilot):
    await pilot.press("t")
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


async def to_timetable_help(pilot):
    await to_timetable(pilot)
    await to_help(pilot)


async def to_unit(pilot):
    await pilot.press("u")
    await pilot.pause()


async def to_unit_bad_date(pilot):
    await to_unit(pilot)
    for _ in range(3):
        await pilot.press("tab")
    await pilot.press(*"2020/13/45")
    await pilot.pause()


async def to_new_form(pilot):
    await pilot.press("n")
    await pilot.pause()


async def to_records(pilot):
    pilot.app.open_area("reporting", "HEN-00-1")    # 年度工作总结的报送记录: five rows, add and remove
    await pilot.pause()


async def to_save_as(pilot):
    await pilot.press("ctrl+s")
    await pilot.pause()


#: screen -> (profile, how to get there, texts that must be on screen whole). A profile named
#: ``henan:…`` opens with the Henan 2021 pack, ``read-only:…`` as a file without write permission.
SCREENS = {
    "start": (None, to_overview, {"zh": ["按 n 新建一份"], "en": ["Press n to start one"]}),
    "new": (None, to_new_form, {"zh": ["单位名称", "保存为（文件路径）"], "en": ["Unit name", "Save as (file path)"]}),
    "overview": ("hunan-county-incomplete.toml", to_overview,
                 {"zh": ["暂计 97 分（已答 10/46，可能 32～117 分）", "加分评价"], "en": ["range 32-117", "Bonus items"]}),
    "area": ("hunan-county-incomplete.toml", to_area, {"zh": ["本领域 6/8 分（1 条未填写）"], "en": ["area 6/8 (1 unanswered)"]}),
    "gaps": ("hunan-county-typical.toml", to_gaps, {"zh": ["现状"], "en": ["Observed"]}),
    "help": ("hunan-county-typical.toml", to_help, {"zh": ["帮助：按键", "下一项"], "en": ["Help: keys", "Next field"]}),
    "export": ("hunan-county-typical.toml", to_export, {"zh": ["t-整改台账.xlsx"], "en": ["t-整改台账.xlsx"]}),
    "timetable": ("hunan-county-typical.toml", to_timetable,
                  {"zh": ["整改台账：某县城市管理和综合执法局", "问题", "牵头", "月份：  计划  到期  逾期  完成  长期"],
                   "en": ["某县城市管理和综合执法局", "Problem", "Lead", "Months:", "ongoing"]}),
    "timetable-help": ("hunan-county-typical.toml", to_timetable_help, {"zh": ["编辑", "下一项"], "en": ["Edit", "Next field"]}),
    "item-editor": ("hunan-county-typical.toml", to_item_editor, {"zh": ["编辑整改事项", "牵头单位", "取消"], "en": ["Edit item", "Lead unit", "Cancel"]}),
    "unit": ("hunan-county-typical.toml", to_unit, {"zh": ["单位名称（必填）", "单位层级：县市区"], "en": ["单位名称", "Level: 县市区"]}),
    "unit-bad-date": ("hunan-county-typical.toml", to_unit_bad_date,
                      {"zh": ["没有13月", "评分仍按：未填写"], "en": ["没有13月", "still uses: unanswered"]}),
    "records": ("henan:henan-city.toml", to_records,
                {"zh": ["报送于", "2022-12-13", "删除", "添加一期"], "en": ["报送于", "2022-12-13", "添加一期"]}),
    "view": ("read-only:hunan-county-typical.toml", to_overview,
             {"zh": ["只读", "ctrl+s 另存为"], "en": ["read-only", "ctrl+s saves as"]}),
    "save-as": ("read-only:hunan-county-typical.toml", to_save_as,
                {"zh": ["另存为新文件", "t-副本.toml"], "en": ["Save as a new file", "t-副本.toml"]}),
}


def field_keys() -> set[str]:
    """Every key a profile may hold: fact keys of the builtin standard and of the Henan pack (whose
    record editor is shown), with their area prefix too, and the unit/report keys."""
    from ucm_check.profile.editing.info import FIELDS
    from ucm_check.engine.host import build_host
    from tests.tui.journeys.screen_text import HENAN_PACK, henan_host

    hosts = [build_host(entry_points=False)] + ([henan_host()] if (HENAN_PACK / "ucm_check_henan2021").is_dir() else [])
    facts = [(a.id, f.key) for host in hosts for st in host.standards.values() for a in st.areas for f in a.facts]
    keys = {key for _, key in facts} | {f"{area}.{key}" for area, key in facts}
    return keys | {f"{i.table}.{i.key}" for i in FIELDS} | {"unit.submitted", "unit.name"}


KEYS = field_keys()
#: Closing punctuation a Chinese line must never start with.
CLOSING = tuple("。，）、；：！？」』》")


def unreadable(text: str) -> list[str]:
    """What a clerk must never see on a rendered screen: field keys, Python words, a line starting
    with closing punctuation, a word split across lines."""
    import re

    found = [w for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", text) if w in KEYS]
    found += [w for w in ("None", "True", "False", "Decimal(") if w in text]
    lines = text.splitlines()
    for line in lines:
        body = line.strip(" ▌▐▊▎█│┃")
        if body.startswith(CLOSING):
            found.append(f"line starts with {body[0]!r}: {body[:20]}")
    found += split_words(lines)
    return found


def split_words(lines: list[str]) -> list[str]:
    """Words of our texts (the line breaker's list) cut across two lines: one line ends with the
    word's head and the next starts with its tail (不适 / 用)."""
    from ucm_check.tui.linebreak import words

    listed, _ = words()
    found = []
    for above, below in zip(lines, lines[1:]):
        end, start = above.rstrip(" ▌▐▊▎█│┃▏"), below.lstrip(" ▌▐▊▎█│┃▏")
        found += [f"{word} split: {end[-10:]} / {start[:10]}" for word in listed
                  for k in range(1, len(word)) if end.endswith(word[:k]) and start.startswith(word[k:])]
    return found


def open_app(make_app, profile_copy, profile: str | None, **kwargs):
    """The app on ``profile`` (see :data:`SCREENS`); a read-only one by its name relative to the
    test's folder, so the 另存为 dialog suggests the same path in every run."""
    if profile is None:
        return make_app(None, **kwargs)
    kind, _, name = profile.rpartition(":")
    path = profile_copy(name)
    if kind == "read-only":
        path.chmod(0o444)  # the mode bits decide, even for root
        path = Path(path.name)
    if kind == "henan":
        from ucm_check.tui.app import UcmApp
        from tests.tui.journeys.screen_text import henan_host

        return UcmApp(henan_host(), path, **kwargs)
    return make_app(path, **kwargs)


@pytest.fixture
def chdir_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, make_app, profile_copy, chdir_empty, name, size, lang):
    profile, steps, must_show = SCREENS[name]
    app = open_app(make_app, profile_copy, profile, lang=lang, as_of=AS_OF)
    seen: list[str] = []

    async def run_before(pilot):
        await steps(pilot)
        for box in pilot.app.screen.query("Input, TextArea"):  # a blinking cursor makes two pictures
            box.cursor_blink = False
        await pilot.pause()
        await pilot.pause()
        seen.append(screen_text(pilot.app))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
    (text,) = seen
    lines = text.splitlines()
    if name not in ("start", "new"):
        assert lines[-1].rstrip().endswith(FOOTER[lang]), lines[-1]
    for needle in must_show[lang]:
        assert needle in text, f"{needle!r} is not on the {name} screen at {size}:\n{text}"
    if lang == "zh":
        found = unreadable(text)
        assert found == [], f"the {name} screen at {size} shows:\n{text}"
    if lang == "zh" and name.endswith("help"):
        assert "Focus" not in text and "Copy selected" not in text
