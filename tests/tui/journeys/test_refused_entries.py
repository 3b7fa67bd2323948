"""Journey (real terminal): wrong values typed into fresh fields of a blank ``init`` file are refused
whole. Nothing typed on the way (``12`` of ``120``, ``2023-02-03`` of ``2023年2月30日``, ``1`` of
``1.5``) is committed, saved or scored; ``ctrl+s`` saves the rest and names the fields not taken.
The file is then judged by ``ucm-check check --format json``, as CI would.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from journeys.driver import check_json, statuses
from tests.packs import cli_env, run_cli
from tests.terminal import Pane

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tabs_to(standard, area_id: str, key: str) -> list[str]:
    """The tab presses from an area's first question to ``key``, in the order the screen asks them."""
    area = standard.area(area_id)
    own, order = {f.key for f in area.facts}, []
    for rule in area.rules:
        order += [f.key for f in rule.shape.facts if f.key in own and f.key not in order]
    return ["Tab"] * order.index(key)


def rule_of(standard, key: str) -> str:
    return next(r.code for a in standard.areas for r in a.rules if key in {f.key for f in r.shape.facts})


def label_of(standard, key: str) -> str:
    return next(f.label for a in standard.areas for f in a.facts if f.key == key)


def finish(term: Pane, done: Path) -> str:
    """Save, read the dialog naming the refused fields, quit (which asks again, since the refused
    text would be lost); returns what the screen showed after saving, lines joined."""
    term.keys("C-s")
    shown = term.wait_for("其余修改已照常处理")
    term.keys("Enter")                                               # 知道了
    term.keys("C-q")
    term.wait_for("退出将丢弃")
    term.keys("Enter")                                               # 放弃并退出
    deadline = time.monotonic() + 15
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.read_text().strip() == "0"
    return "".join(line.strip() for line in shown.splitlines())


def test_120_percent_and_1_point_5_cases_are_refused_whole_and_the_rest_is_saved(tmp_path):
    from ucm_check.engine.host import build_host

    hunan = build_host(entry_points=False).standards["hunan-2020"]
    path = tmp_path / "乙县.toml"
    assert run_cli("init", str(path), "--level", "县市区").returncode == 0
    done = tmp_path / "exit-code"
    term = Pane(f"{sys.executable} -m ucm_check tui 乙县.toml --no-entry-points; echo $? > {done}", tmp_path)
    try:
        term.wait_for("加强基层党建工作")
        term.keys("Enter")
        term.wait_for("党组织健全")
        term.keys("y", "Escape")                                     # one valid answer: saved
        term.keys("Down", "Down", "Enter")                           # 三、统一执法人员着装
        term.wait_for("执法着装规范")
        term.keys(*tabs_to(hunan, "uniform", "dress_violations"), "1", ".", "5", "Tab")
        shown = term.wait_for("未采用")
        assert "评分仍按：未填写" in shown
        term.keys("Escape")
        term.keys("Down", "Down", "Down", "Enter")                   # 六、严格执法纪律
        term.wait_for("严格执法纪律  本领域")
        term.keys(*tabs_to(hunan, "discipline", "certificate_rate"), "1", "2", "0")
        shown = term.wait_for("未采用")
        assert "暂计 100 分" in shown and "暂计 97" not in shown        # 12% typed on the way is not scored
        shown = finish(term, done)
    finally:
        term.close()
    # the refused fields are named, with what was typed
    assert f"{label_of(hunan, 'certificate_rate')}：输入了「120」" in shown
    assert f"{label_of(hunan, 'dress_violations')}：输入了「1.5」" in shown
    text = path.read_text(encoding="utf-8")
    assert "certificate_rate = 12" not in text and "dress_violations = 1" not in text
    report = check_json(path)
    rules = statuses(report)
    assert rules["HN-01-1"] == "compliant"                           # the valid answer was saved
    assert rules[rule_of(hunan, "certificate_rate")] == "unanswered"
    assert rules[rule_of(hunan, "dress_violations")] == "unanswered"
    assert report["completeness"]["answered"] == 1


def test_an_impossible_date_is_refused_whole_never_saved_as_the_day_typed_on_the_way(tmp_path):
    from tests.packs import pack_host

    henan = pack_host().standards["henan-2021"]
    env = cli_env(tmp_path)
    path = tmp_path / "丙县.toml"
    assert run_cli("init", str(path), "--standard", "henan-2021", "--level", "县（市、区）", env=env).returncode == 0
    area = next(a for a in henan.areas if any(f.kind == "date" for f in a.facts))
    key = next(f.key for f in area.facts if f.kind == "date")
    label = next(f.label for f in area.facts if f.key == key)
    done = tmp_path / "exit-code"
    pythonpath = env["PYTHONPATH"]
    term = Pane(f"PYTHONPATH='{pythonpath}' {sys.executable} -m ucm_check tui 丙县.toml; echo $? > {done}", tmp_path)
    try:
        term.wait_for(area.title)
        row = [a.id for a in henan.areas].index(area.id)
        term.keys(*["Down"] * row, "Enter")
        term.wait_for("已落实 0/")
        term.keys(*tabs_to(henan, area.id, key), *"2023年2月30日", "Tab")
        shown = term.wait_for("2月没有30日")
        assert "评分仍按：未填写" in shown
        shown = finish(term, done)
    finally:
        term.close()
    assert f"{label}：输入了「2023年2月30日」" in shown
    assert "2023-02-03" not in path.read_text(encoding="utf-8")
    rules = statuses(check_json(path, env=env))
    assert rules[rule_of(henan, key)] in ("unanswered",)
