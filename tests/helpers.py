"""Helpers for engine tests: score a fact dict, pick one rule's finding."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ucm_check.engine.scoring import evaluate
from ucm_check.model import Finding, ProfileResult, Standard
from ucm_check.profile.reading import load_profile

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"


#: Source of a small, valid plugin adding one area to Hunan 2020, for host and discovery tests.
NIGHT_PATROL_PLUGIN = """
from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, clause_maker, yes_no
from ucm_check.shapes import Flag

FACT = yes_no("night_patrol", "是否开展夜间巡查", "Night patrols held")
AREA = area("night", "地方", "夜间巡查", "Night patrols", "hunan-2020", "0", order=99, rules=[
    Rule(code="NP-1", clause=clause_maker("某城管〔2024〕1号")("三"), title="夜间巡查", text="开展夜间巡查",
         shape=Flag(FACT, D("0")), remedy="开展夜间巡查"),
])

@hookimpl
def ucm_check_areas():
    return [AREA]
"""


def unit(level: str = "县市区", name: str = "测试县城市管理和综合执法局") -> dict[str, str]:
    return {"name": name, "level": level, "standard": "hunan-2020"}


def compliant_facts(standard: Standard) -> dict[str, dict[str, Any]]:
    """The facts of the bundled fully compliant county, plus the city-only facts answered well."""
    profile = load_profile(str(PROFILES / "hunan-county-compliant.toml"), {standard.id: standard})
    facts = {area: dict(values) for area, values in profile.facts.items()}
    facts["grid"].update(platform_built=True, platform_links=("省级平台", "国家平台"))
    facts["supervision"]["county_supervision_visits"] = 2
    return facts


def with_facts(standard: Standard, overrides: dict[str, Any], *, base: dict | None = None) -> dict:
    facts = {a: dict(v) for a, v in (base if base is not None else compliant_facts(standard)).items()}
    for path, value in overrides.items():
        area, _, key = path.partition(".")
        if value is None:
            facts.setdefault(area, {}).pop(key, None)
        else:
            facts.setdefault(area, {})[key] = Decimal(str(value)) if isinstance(value, float) else value
    return facts


def score(standard: Standard, overrides: dict[str, Any] | None = None, *, level: str = "设区市",
          name: str = "测试市城市管理和综合执法局", base: dict | None = None) -> ProfileResult:
    return evaluate(unit(level, name), with_facts(standard, overrides or {}, base=base), standard)


def finding(result: ProfileResult, code: str) -> Finding:
    return next(f for f in result.findings if f.rule.code == code)
