"""The README's plan walkthrough is what the program really does: every line it shows is checked."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal

from tests.helpers import ROOT
from ucm_check.cli import main
from ucm_check.plan import load_plan, parse_plan, plan_path_for, save_plan


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("<!-- section:plan -->"): text.index("<!-- /section:plan -->")]


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", _section(), re.S)


def _shown_in_order(shown: str, actual: str) -> None:
    """Every line of ``shown`` except ``...`` occurs in ``actual``, in the same order."""
    lines, at = actual.splitlines(), 0
    for line in shown.splitlines():
        if line == "...":
            continue
        assert line in lines[at:], f"README shows a line the program does not print: {line!r}"
        at = lines.index(line, at) + 1


def test_the_readme_walkthrough_matches_the_program(tmp_path, capsys):
    county = tmp_path / "county.toml"
    county.write_bytes((ROOT / "profiles" / "hunan-county-typical.toml").read_bytes())
    first, later = _blocks("text")
    assert main(["--log-level", "error", "plan", str(county), "--as-of", "2026-11-24", "--no-entry-points"]) == 0
    _shown_in_order(first, capsys.readouterr().out)

    (edited_toml,) = _blocks("toml")
    edited = parse_plan("README.md", edited_toml).items[0]
    assert edited.points == Decimal(str(tomllib.loads(edited_toml)["items"][0]["points"]))
    path = plan_path_for(county)
    plan = load_plan(path)
    assert plan.item("HN-03-2").problem == edited.problem and plan.item("HN-03-2").measures == edited.measures
    save_plan(plan.replace(edited), path)
    code = main(["--log-level", "error", "plan", str(county), "--as-of", "2026-12-25", "--fail-on-overdue", "--no-entry-points"])
    assert code == 1
    _shown_in_order(later, capsys.readouterr().out)
