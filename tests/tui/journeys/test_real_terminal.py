"""The first journeys in a real terminal (tmux): keys go through a pty, the app runs as ``ucm-check tui``.

1. Blank ``init`` template, one answer of every kind, ``ctrl+s``, ``ctrl+q``, the file checked
   with ``ucm-check check``.
2. Unsaved answers, the terminal closed (the tmux session killed), ``ucm-check tui`` with no
   argument, enter on the file, enter on 恢复草稿, save: the answers are on disk.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from journeys.driver import check_json, statuses
from tests.terminal import Pane
from tests.packs import run_cli
from ucm_check.profile.editing import draft_path
from ucm_check.engine.host import build_host
from ucm_check.profile.reading import load_profile

pytestmark = pytest.mark.requires_tool("tmux")


def pane(command: str, cwd: Path) -> Pane:
    return Pane(command, cwd)


def tabs_to(area_id: str, key: str) -> list[str]:
    """The tab presses from an area's first question to ``key``, in the order the screen asks them."""
    area = build_host(entry_points=False).standards["hunan-2020"].area(area_id)
    own, order = {f.key for f in area.facts}, []
    for rule in area.rules:
        order += [f.key for f in rule.shape.facts if f.key in own and f.key not in order]
    return ["Tab"] * order.index(key)


def wait_file(path: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.exists(), f"{path} never appeared"


def tui(args: str, done: Path) -> str:
    return f"{sys.executable} -m ucm_check tui {args} --no-entry-points; echo $? > {done}"


def test_a_blank_template_answered_in_every_kind_is_saved_and_checked(tmp_path):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path), "--level", "县市区").returncode == 0
    done = tmp_path / "exit-code"
    term = pane(tui("u.toml", done), tmp_path)
    try:
        term.wait_for("加强基层党建工作")
        term.keys("Enter")                                   # 一、加强基层党建工作
        term.wait_for("党组织健全")
        term.keys("y")                                       # yes/no: 党组织健全 = 是
        term.wait_for("（未保存）")
        term.keys(*tabs_to("party", "civilization_plan"), "Enter")   # choice: 文明单位创建
        term.keys("Home", "Down", "Down", "Enter")           # the prompt row, 未制定方案, 方案未落实
        term.keys("Escape")
        term.keys("Down", "Down", "Enter")                   # 三、统一执法人员着装
        term.wait_for("执法着装规范")
        term.keys("Tab", "3")                                # count: 着装不规范 3 起
        term.keys("Escape")
        term.keys("Down", "Down", "Down", "Enter")           # 六、严格执法纪律
        term.wait_for("严格执法纪律  本领域")
        term.keys(*tabs_to("discipline", "certificate_rate"))  # percent: 执法资格持证率
        term.keys("C-e", "C-u", "9", "6", ".", "5")
        term.keys("Escape")
        term.keys("Up", "Enter")                             # 五、健全执法制度
        term.wait_for("健全执法制度  本领域")
        term.keys(*tabs_to("systems", "power_list_published"))  # multi-select: 权责清单公布
        term.keys("Space", "Down", "Down", "Space")
        term.keys("C-s")
        term.wait_for("已保存")
        term.keys("C-q")
        wait_file(done)
        assert done.read_text().strip() == "0"
    finally:
        term.close()
    facts = load_profile(str(path), build_host(entry_points=False).standards).facts
    assert facts["party"] == {"organization_established": True, "civilization_plan": "方案未落实"}
    assert facts["uniform"] == {"dress_violations": 3}
    assert facts["discipline"] == {"certificate_rate": Decimal("96.5")}
    assert facts["systems"] == {"power_list_published": ("行政职权及其依据", "运行流程")}
    report = check_json(path)
    rules = statuses(report)
    assert [rules[c] for c in ("HN-01-1", "HN-01-3", "HN-03-2", "HN-05-4", "HN-06-4")] == \
        ["compliant", "deducted", "deducted", "deducted", "compliant"]
    assert report["completeness"]["answered"] == 5


def test_answers_left_unsaved_when_the_terminal_closes_come_back_from_the_start_list(tmp_path):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    before = path.read_bytes()
    term = pane(tui("u.toml", tmp_path / "first"), tmp_path)
    try:
        term.wait_for("加强基层党建工作")
        term.keys("Down", "Down", "Enter")
        term.wait_for("执法着装规范")
        term.keys("4", "Tab", "2", "Tab")                   # each answer committed by leaving its field
        term.wait_for("（未保存）")
        deadline = time.monotonic() + 15
        while b"dress_violations" not in (draft_path(path).read_bytes() if draft_path(path).exists() else b"") \
                and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)  # the autosave after the last answer
    finally:
        term.close()  # the terminal window is closed: no save, no quit dialog
    assert path.read_bytes() == before and draft_path(path).exists()

    done = tmp_path / "exit-code"
    term = pane(f"{sys.executable} -m ucm_check tui --no-entry-points; echo $? > {done}", tmp_path)
    try:
        term.wait_for("草稿")                                 # the start list marks the file
        term.keys("Enter")
        term.wait_for("恢复草稿")
        term.keys("Enter")
        term.wait_for("已恢复草稿")
        term.keys("C-s")
        term.wait_for("已保存")
        term.keys("C-q")
        wait_file(done)
    finally:
        term.close()
    facts = load_profile(str(path), build_host(entry_points=False).standards).facts
    assert facts["uniform"] == {"staff_not_fully_equipped": 4, "dress_violations": 2}
    assert not draft_path(path).exists()
