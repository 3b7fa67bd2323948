"""Seed 002 二（八）'s veto and the plan's dateless duties, from the bundled county profile through
``ucm-check check`` and ``ucm-check report`` as a city bureau would run them."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.packs import cli_env, run_cli
from tests.plugins.conftest import ROOT, SEEDS

SEED_002 = (SEEDS / "002_a0c9b8a2fc0217ac.txt").read_text(encoding="utf-8")
VETO = "对在考评年度内发生执法案件被行政复议撤销或诉讼败诉的,单位年度执法考评结果直接确定为不合格"


@pytest.fixture
def county(tmp_path):
    shutil.copy(ROOT / "profiles" / "citycapacity-county.toml", tmp_path / "county.toml")
    return tmp_path


def _with(folder, old, new):
    path = folder / "county.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("old, new", [("reconsideration_revoked = 0", "reconsideration_revoked = 1"),
                                      ("litigation_lost = 0", "litigation_lost = 2")])
def test_a_revoked_or_lost_case_makes_the_year_unqualified_in_every_output_and_fails_a_veto_gate(county, old, new):
    assert VETO in SEED_002
    _with(county, old, new)
    env = cli_env(county)
    text = run_cli("check", "county.toml", "--as-of", "2026-11-24", cwd=county, env=env)
    assert "单位年度执法考评结果：不合格（方案二（八）一票否决）" in text.stdout
    doc = json.loads(run_cli("check", "county.toml", "--as-of", "2026-11-24", "--format", "json", cwd=county, env=env).stdout)
    veto = next(f for a in doc["profiles"][0]["areas"] for f in a["findings"] if f["code"] == "CAP-VETO")
    assert veto["status"] == "not_met" and "不合格" in veto["observed"]
    (county / "policy.toml").write_text('veto = ["CAP-VETO"]\n', encoding="utf-8")
    gated = run_cli("check", "county.toml", "--as-of", "2026-11-24", "--policy", "policy.toml", cwd=county, env=env)
    assert gated.returncode == 1 and "未通过门槛 veto（一票否决）" in gated.stderr and "CAP-VETO" in gated.stderr
    report = run_cli("report", "county.toml", "--as-of", "2026-11-24", "-o", "自评报告.docx", cwd=county, env=env)
    assert report.returncode == 0, report.stderr
    from docx import Document

    body = Document(str(county / "自评报告.docx"))
    words = "\n".join(c.text for t in body.tables for row in t.rows for c in row.cells) + "\n".join(p.text for p in body.paragraphs)
    assert "不合格" in words


def test_no_revoked_or_lost_case_passes_the_same_gate(county):
    (county / "policy.toml").write_text('veto = ["CAP-VETO"]\n', encoding="utf-8")
    done = run_cli("check", "county.toml", "--as-of", "2026-11-24", "--policy", "policy.toml", cwd=county, env=cli_env(county))
    assert done.returncode == 0 and "未通过" not in done.stderr and "不合格" not in done.stdout


def test_each_dateless_duty_quotes_the_plan(packs_host):
    rules = [r for a in packs_host.standards["city-capacity"].areas if a.id in ("county_systems", "city_systems") for r in a.rules]
    assert len(rules) == 12
    for rule in rules:
        assert rule.text in SEED_002 and re.fullmatch(r"二（[一二三四五六七八九]）", rule.clause.path), rule.code


def test_the_pack_readme_gives_every_clause_a_rule_a_reading_or_a_reason(packs_host):
    readme = (ROOT / "plugins" / "citycapacity" / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Seed 002 clause by clause"):]
    codes = {r.code for a in packs_host.standards["city-capacity"].areas for r in a.rules}
    assert codes <= set(re.findall(r"CAP-[0-9A-Z]+[a-z]?", table))
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| clause")]
    assert all(re.search(r"CAP-|reason:", row) for row in rows)
