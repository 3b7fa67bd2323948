"""Seed 000's two sentences the scoring table does not score on its own: the 2020 ⅓ 轮训 target and
六(4)'s per-brigade certificate rate, kept as documented readings on the rules they belong to."""

from __future__ import annotations

from tests.plugins.conftest import ROOT
from ucm_check.commands.explain import render

SEED_000 = (ROOT / "tests" / "data" / "hunan-2020-standard.txt").read_text(encoding="utf-8")   # seed 000's annex


def _rule(host, code):
    standard = host.standards["hunan-2020"]
    return next((a, r) for a in standard.areas for r in a.rules if r.code == code)


def test_the_one_third_rotation_target_is_read_as_part_of_the_2020_training_task(packs_host):
    assert "各市州制定科级以下城管执法人员轮训方案,2020年至少完成三分之一轮训任务" in SEED_000
    area, rule = _rule(packs_host, "HN-02-1")
    assert "三分之一" in rule.reading and "已制定未完成任务" in rule.reading
    assert "恰为三分之一算完成" in render(rule, area, packs_host.standards["hunan-2020"])


def test_the_certificate_rate_is_judged_brigade_by_brigade(packs_host):
    assert "以支(大)队为单位,城管执法人员持执法证率未达到95%的扣3分" in SEED_000
    area, rule = _rule(packs_host, "HN-06-4")
    assert "任一支（大）队未达到95%即扣3分" in rule.reading and "以支（大）队为单位" in rule.shape.facts[0].label
    assert "填持证率最低的一个" in render(rule, area, packs_host.standards["hunan-2020"])
