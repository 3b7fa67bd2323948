"""The blank, commented profile ``ucm-check init`` writes, and the field reference in docs/profile.md."""

from __future__ import annotations

from typing import Any

import tomli_w

from ucm_check.model import Area, Fact, Rule, Standard
from ucm_check.numbers import fmt

#: The standard a new profile uses unless the user picks another: the builtin Hunan 2020 standard.
#: Installing a province pack adds a choice; it never changes this default.

def hint(fact: Fact) -> str:
    """What to write for ``fact`` (:meth:`ucm_check.facts.FactKind.hint`)."""
    from ucm_check.facts.kinds import kind

    return kind(fact.kind).hint(fact)


def toml_value(value: Any) -> str:
    """A TOML value on one line (arrays stay inline so a commented-out line stays one line)."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if hasattr(value, "toml"):  # a ReportLog: one inline table
        return value.toml()
    if isinstance(value, dict):
        inner = ", ".join(f"{k if k.isidentifier() else chr(34) + k + chr(34)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    return tomli_w.dumps({"v": value}).partition("=")[2].strip()


def _example(area: Area, fact: Fact) -> Any:
    for rule in area.rules:
        if f"{area.id}.{fact.key}" in rule.good:
            return rule.good[f"{area.id}.{fact.key}"]
    from ucm_check.facts.kinds import kind

    return kind(fact.kind).example(fact)


def _rules_of(area: Area, fact: Fact) -> list[Rule]:
    return [r for r in area.rules if any(f.key == fact.key for f in r.shape.facts)]


def render(standard: Standard, *, level: str, name: str, region: str = "", period: str = "") -> str:
    """A profile with ``[unit]`` filled in and every fact commented out, so nothing counts as answered."""
    unit = {"name": name, "level": level, "standard": standard.id}
    if region:
        unit["region"] = region
    if period:
        unit["period"] = period
    lines = [
        f"# ucm-check 自评档案：{standard.title}",
        f"# 依据：{standard.document}",
        "# 填写方法：删去某项行首的 “# ”，把值改成本单位的实际情况。",
        "# 仍被注释的项目记为“未填写”：不计为达标，报告会列出并说明最多还可能扣多少分。",
        "# 字段说明见 docs/profile.md；每条规则的条文和示例：ucm-check explain 规则编号。",
        "",
        "[unit]",
        *(f"{k} = {toml_value(v)}" for k, v in unit.items()),
    ]
    if not region:
        lines.append('# region = "某省某市某县"')
    if not period:
        import datetime as dt

        lines.append(f'# period = "{dt.date.today().year}"')
    lines += ["# 报送日期：自评材料报送上级的日期；还没有报送就保持注释", "# submitted = 2020-11-10"]
    lines += report_block()
    for area in standard.areas:
        lines += ["", f"# {area.number}、{area.title}（{'最多加' if area.bonus else '共'}{fmt(area.max)}分）", f"[{area.id}]"]
        for fact in area.facts:
            rules = _rules_of(area, fact)
            na = [r for r in rules if r.applies_to and not r.applies_to.applies({"level": level, "name": name})]
            codes = "、".join(r.code for r in rules)
            lines.append(f"# {fact.label}（{codes}；{hint(fact)}）")
            if na and len(na) == len(rules):
                lines.append(f"# 本单位层级不适用：{na[0].applies_to.reason}")
            lines.append(f"# {fact.key} = {toml_value(_example(area, fact))}")
    return "\n".join(lines) + "\n"


def report_block() -> list[str]:
    """The commented ``[report]`` table: what the 自评报告 needs in the bureau's own words, each
    field explained as the TUI's 单位信息 screen explains it (one list: :mod:`ucm_check.profile.editing.info`)."""
    from ucm_check.profile.editing.info import FIELDS

    lines = ["", "# 自评报告（ucm-check report 和 TUI 的“单位信息”使用；每项都可不填，不填的在报告中标出【待填写】）", "[report]"]
    for info in FIELDS:
        if info.table != "report":
            continue
        example = info.example if info.kind == "date" else toml_value(info.example)
        lines += [f"# {info.label}：{info.explain}", f"# {info.key} = {example}"]
    return lines


def field_reference(standard: Standard) -> str:
    """The field-by-field Markdown reference of a standard's profile (generated into docs/profile.md)."""
    out = [f"### {standard.title}（`{standard.id}`）", ""]
    for area in standard.areas:
        out += [f"#### `[{area.id}]` {area.number}、{area.title} / {area.title_en}（{fmt(area.max)}分）", "",
                "| 字段 key | 类型 type | 含义 | Meaning | 规则 rules |", "|---|---|---|---|---|"]
        for fact in area.facts:
            codes = ", ".join(r.code for r in _rules_of(area, fact))
            out.append(f"| `{fact.key}` | {fact.kind} | {fact.label}（{hint(fact)}） | {fact.label_en} | {codes} |")
        out.append("")
    return "\n".join(out)
