"""The standard's own caps hold when the areas alone would not: 20 bonus points over two bonus areas,
100 points of deductions (and a range never below 0) when a plugin's area pushes the maxima past the
base, and an area's own maximum when tailoring makes one of its rules larger than the area.

Hunan's single bonus area caps itself at 20 and its deduction rules add up to exactly 100, so a test
on Hunan alone passes with either cap removed; these tests build the packs where the caps matter and
read the totals back from ``ucm-check check --format json``. Every expected number is worked by hand
in the comment beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers import PROFILES
from ucm_check.cli import main

#: A second bonus area (a city's own 地方加分, 5 points a commendation, at most 10).
LOCAL_BONUS_PLUGIN = """
from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, clause_maker, count
from ucm_check.shapes import Weighted

HONOURS = count("city_honours", "本年度获市级表彰的项（次）数", "City commendations this year", "项（次）")
AREA = area("local_bonus", "地方加分", "地方加分", "Local bonus", "hunan-2020", "10", order=14, bonus=True, rules=[
    Rule(code="CS-B-1", clause=clause_maker("某城管〔2024〕1号")("三"), title="市级表彰", text="每项加5分，最多10分",
         shape=Weighted(((HONOURS, D("5")),), D("10")), remedy="争创市级表彰"),
])

@hookimpl
def ucm_check_areas():
    return [AREA]
"""


def _bonus_profile(tmp_path, bonus: str, local: str = "") -> str:
    text = PROFILES.joinpath("hunan-county-compliant.toml").read_text(encoding="utf-8")
    head, _, _ = text.partition("[bonus]")
    path = tmp_path / "u.toml"
    path.write_text(head + "[bonus]\n" + bonus + local, encoding="utf-8")
    return str(path)


def _check_json(tmp_path, profile: str, plugin: str = "") -> dict:
    plugins = tmp_path / "plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "local_plugin.py").write_text(plugin or LOCAL_BONUS_PLUGIN, encoding="utf-8")
    env = {**os.environ, "UCM_CHECK_PLUGINS_DIR": str(plugins)}
    run = subprocess.run([sys.executable, "-m", "ucm_check", "--log-level", "error", "check", profile,
                          "--format", "json"], capture_output=True, text=True, env=env, encoding="utf-8")
    assert run.returncode in (0, 1), run.stderr
    (result,) = json.loads(run.stdout)["profiles"]
    assert "local_bonus" in [a["id"] for a in result["areas"]] or plugin
    return result


FULL_HUNAN_BONUS = ('civilized_unit_level = "全国"\nnational_commendations = 2\nprovincial_commendations = 0\n'
                    'national_pilots = 2\nprovincial_pilots = 0\npublicity_reports = 6\n')


def test_two_bonus_areas_together_never_award_more_than_the_standards_20_points(tmp_path):
    # Hunan 10 + 4 + 3 (cap) + 3 = 20, the city's 2 × 5 = 10: 30 earned, 20 count, 100 + 20 = 120
    result = _check_json(tmp_path, _bonus_profile(tmp_path, FULL_HUNAN_BONUS, "\n[local_bonus]\ncity_honours = 2\n"))
    assert (result["bonus"], result["total"]) == (20, 120)


def test_two_bonus_areas_below_the_cap_add_up(tmp_path):
    # Hunan 市级 6 + 1 national commendation 2 = 8, the city's 1 × 5 = 5: 13 < 20, so 113
    bonus = ('civilized_unit_level = "市级"\nnational_commendations = 1\nprovincial_commendations = 0\n'
             'national_pilots = 0\nprovincial_pilots = 0\npublicity_reports = 0\n')
    result = _check_json(tmp_path, _bonus_profile(tmp_path, bonus, "\n[local_bonus]\ncity_honours = 1\n"))
    assert (result["bonus"], result["total"]) == (13, 113)


def test_the_bonus_range_of_two_unanswered_bonus_areas_stops_at_20(tmp_path):
    # Hunan bonus answered 8 (省级), the city's area unanswered (up to 10): at most 12 more, not 10 + 12 remaining
    bonus = ('civilized_unit_level = "省级"\nnational_commendations = 0\nprovincial_commendations = 0\n'
             'national_pilots = 0\nprovincial_pilots = 0\n')  # publicity_reports unanswered: up to 3 more
    result = _check_json(tmp_path, _bonus_profile(tmp_path, bonus))
    c = result["completeness"]
    assert (result["bonus"], c["max_further_bonus"], c["highest_total"]) == (8, 12, 120)


#: A city's own deduction area worth a whole 100 points (夜间巡查, one rule): with it the areas' maxima
#: add up to 200, so only the standard's base of 100 keeps a total from going negative.
NIGHT_PLUGIN = """
from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, clause_maker, yes_no
from ucm_check.shapes import Flag

FACT = yes_no("night_patrol", "是否开展夜间巡查", "Night patrols held")
AREA = area("night", "地方", "夜间巡查", "Night patrols", "hunan-2020", "100", order=99, rules=[
    Rule(code="NP-1", clause=clause_maker("某城管〔2024〕1号")("三"), title="夜间巡查", text="未开展扣100分",
         shape=Flag(FACT, D("100")), remedy="开展夜间巡查"),
])

@hookimpl
def ucm_check_areas():
    return [AREA]
"""


def _typical(tmp_path, extra: str = "") -> str:
    path = tmp_path / "u.toml"
    path.write_text(PROFILES.joinpath("hunan-county-typical.toml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return str(path)


def test_deductions_past_the_base_stop_at_100(tmp_path):
    # typical county: 17.3 deducted + 100 for no night patrols = 117.3, of which 100 count; 100 - 100 + 3.5 bonus
    result = _check_json(tmp_path, _typical(tmp_path, "\n[night]\nnight_patrol = false\n"), NIGHT_PLUGIN)
    assert (result["deducted"], result["total"]) == (100, 3.5)


def test_an_unanswered_area_past_the_base_can_cost_only_what_is_left(tmp_path):
    # typical county at 86.2 with the 100-point night area unanswered: 100 - 17.3 = 82.7 left to lose, so 3.5 at worst
    result = _check_json(tmp_path, _typical(tmp_path), NIGHT_PLUGIN)
    c = result["completeness"]
    assert (result["total"], c["max_further_deduction"], c["lowest_total"]) == (86.2, 82.7, 3.5)


TAILORING = 'standard = "hunan-2020"\nname = "某市细则"\n\n[rules.HN-01-1]\npoints = 50\n'


def _run(main_args: list[str], capsys) -> str:
    main(["--log-level", "error", *main_args])
    return capsys.readouterr().out


def test_a_rule_tailored_larger_than_its_area_can_cost_only_the_areas_8_points(tmp_path, capsys):
    # HN-01-1 raised from 2 to 50 in 党建引领 (8 points): the compliant county without a party organisation
    # loses 8, not 50: 100 - 8 = 92
    profile, tailoring = tmp_path / "u.toml", tmp_path / "t.toml"
    text = PROFILES.joinpath("hunan-county-compliant.toml").read_text(encoding="utf-8")
    profile.write_text(text.replace("organization_established = true", "organization_established = false", 1),
                       encoding="utf-8")
    tailoring.write_text(TAILORING, encoding="utf-8")
    (result,) = json.loads(_run(["check", str(profile), "--tailoring", str(tailoring), "--format", "json"],
                                capsys))["profiles"]
    party = next(a for a in result["areas"] if a["id"] == "party")
    assert (party["points"], party["score"], result["deducted"], result["total"]) == (8, 0, 8, 92)


def test_a_blank_template_with_a_rule_tailored_past_its_area_keeps_the_honest_range(tmp_path, capsys):
    # HN-01-1 at 50 can still cost at most the party area's 8: the county's range stays 6 to 120
    # (HN-07-3 4 and HN-10-2 2 do not apply to a county: 100 - 94 = 6)
    profile, tailoring = tmp_path / "u.toml", tmp_path / "t.toml"
    assert main(["--log-level", "error", "init", str(profile), "--level", "县市区"]) == 0
    tailoring.write_text(TAILORING, encoding="utf-8")
    capsys.readouterr()
    (result,) = json.loads(_run(["check", str(profile), "--tailoring", str(tailoring), "--format", "json"],
                                capsys))["profiles"]
    c = result["completeness"]
    assert (c["max_further_deduction"], c["lowest_total"], c["highest_total"]) == (94, 6, 120)
    text = _run(["check", str(profile), "--tailoring", str(tailoring)], capsys)
    assert "总分可能在 6～120 分之间（暂计 100 分）" in text


def test_a_per_item_step_tailored_up_still_stops_at_the_rules_cap(tmp_path, capsys):
    # HN-05-1a 每少一项扣0.5分，扣完1.5分为止, step tailored to 1: none of the 3 stages is 3 × 1 = 3, capped at 1.5
    profile, tailoring = tmp_path / "u.toml", tmp_path / "t.toml"
    text = PROFILES.joinpath("hunan-county-compliant.toml").read_text(encoding="utf-8")
    profile.write_text(text.replace('publicity_stages = ["事前公开", "事中公示", "事后公开"]', "publicity_stages = []", 1),
                       encoding="utf-8")
    tailoring.write_text('standard = "hunan-2020"\nname = "某市细则"\n\n[rules.HN-05-1a]\nstep = 1\n', encoding="utf-8")
    out = _run(["check", str(profile), "--tailoring", str(tailoring)], capsys)
    assert "[HN-05-1a] 行政执法公示制度  扣 1.5 分" in out and "总分 98.5（满分 120）" in out
