"""Issue 22, seed 001: intake on a standard without points. Henan's 2021 plan sets deadlines, not
points, so an intake must not show 得分 0 and an empty rule table: it ranks and lists units by their
duties overdue or not met, with thresholds the roster sets.

Hand count, as of 2026-11-24 (profiles/henan-city.toml's own comments): 信息子系统 (HEN-23-2, due
2022-12-31) overdue, 律师参与 (HEN-24-3, 长期) not met, two duties due soon. 郑州市 sends it as is:
2 failures. 开封市 has built the subsystem and engaged lawyers: none. The other 16 units of the
bundled roster (rosters/henan-2021.toml: criticise_failures = 1, praise_max_failures = 0) send nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import PROFILES, ROOT
from tests.packs import cli_env, run_cli

HENAN = (PROFILES / "henan-city.toml").read_text(encoding="utf-8")
ROSTER = (ROOT / "rosters" / "henan-2021.toml").read_text(encoding="utf-8")  # the bundled one, as an office copies it


def henan(name: str, **facts: str) -> str:
    text = HENAN.replace("某市城市管理局", name)
    for key, value in facts.items():
        text, found = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, count=1, flags=re.M)
        assert found, key
    return text


@pytest.fixture(scope="module")
def intake(tmp_path_factory):
    root = tmp_path_factory.mktemp("henan")
    env = cli_env(root)
    inbox = root / "收件"
    inbox.mkdir()
    (root / "名册.toml").write_text(ROSTER, encoding="utf-8")
    for city, text in (("郑州市", henan("郑州市城市管理局")),
                       ("开封市", henan("开封市城市管理局", staff_subsystem="true", lawyers_engaged="true"))):
        (root / city).mkdir()
        (root / city / "profile.toml").write_text(text, encoding="utf-8")
        done = run_cli("bundle", str(root / city / "profile.toml"), "-o", str(inbox / f"{city}.zip"), "--as-of", "2026-11-24",
                       env=env)
        assert done.returncode == 0, done.stderr
    ran = run_cli("intake", str(inbox), "--roster", str(root / "名册.toml"), "--as-of", "2026-11-30", "--format", "json",
                  env=env)
    assert ran.returncode == 0, ran.stderr
    text = run_cli("intake", str(inbox), "--roster", str(root / "名册.toml"), "--as-of", "2026-11-30", env=env)
    return json.loads(ran.stdout), text.stdout, root, env


def test_units_rank_by_duties_overdue_or_not_met_and_carry_no_score(intake):
    doc, _, _, _ = intake
    units = {u["name"][:3]: u for u in doc["units"]}
    zz, kf = units["郑州市"], units["开封市"]
    assert doc["scored"] is False
    assert (zz["duties"]["overdue"], zz["duties"]["not_met"], zz["failed"]) == (1, 1, ["HEN-23-2", "HEN-24-3"])
    assert kf["failed"] == [] and (kf["rank"], zz["rank"]) == (1, 2)
    assert (zz["self_total"], zz["final"], zz["basis"]) == (None, None, None)
    assert units["洛阳市"]["duties"] is None


def test_a_henan_intake_lists_a_unit_with_an_overdue_duty_for_criticism_under_the_rosters_threshold(intake):
    doc, _, _, _ = intake
    criticised = [(c["name"], c["reason"]) for c in doc["criticise"]]
    assert criticised[-1] == ("郑州市城市管理局", "逾期 1 项、未落实 1 项、逾期完成 1 项，达到通报批评的 1 项")
    assert criticised[:-1] == [(u["name"], "截至 2026-11-30 未报送总结自评") for u in doc["units"] if u["status"] == "missing"]
    assert len(criticised) == 17
    assert [(p["name"], p["reason"]) for p in doc["praise"]] == [
        ("开封市城市管理局", "逾期 0 项、未落实 0 项、逾期完成 1 项，不超过 0 项，按时报送，评价完整")]


def test_the_rule_table_counts_units_per_failed_duty_and_the_text_shows_no_score(intake):
    doc, text, _, _ = intake
    rules = {r["code"]: (r["units_lost"], r["assessed"], r["lost_by"]) for r in doc["rules"]}
    assert rules["HEN-23-2"] == (1, 2, ["郑州市城市管理局"]) and rules["HEN-24-3"] == (1, 2, ["郑州市城市管理局"])
    assert doc["common_issues"][:2] == ["HEN-23-2", "HEN-24-3"]
    assert "各事项落实情况" in text and "逾期 1 项、未落实 1 项" in text
    assert "得分 0" not in text and "失分" not in text


def test_point_thresholds_on_a_standard_without_points_are_refused_with_the_right_key(intake):
    _, _, root, env = intake
    bad = root / "错.toml"
    bad.write_text(ROSTER.replace("criticise_failures = 1", "criticise_below = 85"), encoding="utf-8")
    ran = run_cli("intake", "--roster", str(bad), env=env)
    assert ran.returncode == 2 and "请用 criticise_failures" in ran.stderr and "Traceback" not in ran.stderr


def test_duty_thresholds_on_a_scored_standard_are_refused(tmp_path):
    from tests.intake.conftest import ROSTER as HUNAN

    text = HUNAN.read_text(encoding="utf-8").replace("[scheme]\n", "[scheme]\ncriticise_failures = 1\n", 1)
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    ran = run_cli("intake", "--roster", str(tmp_path / "r.toml"))
    assert ran.returncode == 2 and "只用于没有分值的标准" in ran.stderr
    assert Path(tmp_path / "r.toml").exists()


def test_the_workbook_of_a_henan_intake_reads_duties_not_scores_in_libreoffice(intake, tmp_path):
    from tests.render import page_text, to_pdf

    _, _, root, env = intake
    book = tmp_path / "收件结果.xlsx"
    ran = run_cli("intake", str(root / "收件"), "--roster", str(root / "名册.toml"), "--as-of", "2026-11-30",
                  "--format", "xlsx", "-o", str(book), env=env)
    assert ran.returncode == 0, ran.stderr
    text = "\n".join(page_text(to_pdf(book, tmp_path / "pdf")))
    flat = "".join(text.split())  # a header wraps inside its cell when printed
    for expected in ("逾期和未落实", "逾期 1 项、未落实 1 项", "各事项落实情况", "HEN-23-2", "达到通报批评的 1 项"):
        assert "".join(expected.split()) in flat, expected
    assert "失分" not in text
