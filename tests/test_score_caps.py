"""The standard's own caps hold when the areas alone would not: 20 bonus points over two bonus areas,
and a range never below 0 when tailoring pushes the rule maxima past the base of 100.

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


def _check_json(tmp_path, profile: str) -> dict:
    plugins = tmp_path / "plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "local_bonus.py").write_text(LOCAL_BONUS_PLUGIN, encoding="utf-8")
    env = {**os.environ, "UCM_CHECK_PLUGINS_DIR": str(plugins)}
    run = subprocess.run([sys.executable, "-m", "ucm_check", "--log-level", "error", "check", profile,
                          "--format", "json"], capture_output=True, text=True, env=env, encoding="utf-8")
    assert run.returncode in (0, 1), run.stderr
    (result,) = json.loads(run.stdout)["profiles"]
    assert [a["id"] for a in result["areas"] if a["id"].endswith("bonus")] == ["bonus", "local_bonus"]
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


TAILORING = 'standard = "hunan-2020"\nname = "某市细则"\n\n[rules.HN-01-1]\npoints = 50\n'


def _blank_with_tailoring(tmp_path, capsys, level: str) -> tuple[dict, str]:
    profile, tailoring = tmp_path / "u.toml", tmp_path / "t.toml"
    assert main(["--log-level", "error", "init", str(profile), "--level", level]) == 0
    tailoring.write_text(TAILORING, encoding="utf-8")
    capsys.readouterr()
    main(["--log-level", "error", "check", str(profile), "--tailoring", str(tailoring), "--format", "json"])
    (result,) = json.loads(capsys.readouterr().out)["profiles"]
    main(["--log-level", "error", "check", str(profile), "--tailoring", str(tailoring)])
    return result["completeness"], capsys.readouterr().out


def test_tailoring_that_raises_the_rule_maxima_past_100_still_bottoms_out_at_0(tmp_path, capsys):
    # HN-01-1 raised from 2 to 50: the county's applicable maxima are 100 - 6 (HN-07-3 4, HN-10-2 2) + 48 = 142
    completeness, text = _blank_with_tailoring(tmp_path, capsys, "县市区")
    assert (completeness["max_further_deduction"], completeness["lowest_total"]) == (100, 0)
    assert "总分可能在 0～120 分之间（暂计 100 分）" in text


def test_tailoring_past_100_on_a_city_bottoms_out_at_0_too(tmp_path, capsys):
    # a 设区市: every rule applies, 100 + 48 = 148, capped at the 100 points there are
    completeness, text = _blank_with_tailoring(tmp_path, capsys, "设区市")
    assert (completeness["max_further_deduction"], completeness["lowest_total"], completeness["highest_total"]) \
        == (100, 0, 120)
    assert "总分可能在 0～120 分之间" in text
