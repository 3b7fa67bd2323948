"""``ucm-check explain CODE``: everything about one rule."""

from __future__ import annotations

import argparse

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_host_arguments, err, host_from_args, out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", metavar="CODE", help="规则编号，如 HN-05-1a")
    add_host_arguments(parser)


def deadline_text(shape) -> str:  # noqa: ANN001
    """When a dated obligation is due, in words; empty for point rules."""
    from ucm_check.shapes import PERIODS, Every, Obligation, Periodic

    if isinstance(shape, Obligation):
        if shape.within is not None:
            return f"“{shape.within.describe()}”，自 {shape.after.label} 起算（含当日），期限前 {shape.soon_days} 天内未完成列为“即将到期”"
        if shape.due is None:
            return "长期（文件未规定完成时限），未落实即为“未落实”"
        return f"{shape.due.isoformat()} 前（含当日），期限前 {shape.soon_days} 天内未完成列为“即将到期”，次日起“逾期”"
    if isinstance(shape, Every):
        return f"上次完成后每 {shape.months} 个月至少一次，期限前 {shape.soon_days} 天内列为“即将到期”"
    if isinstance(shape, Periodic):
        if shape.schedule is not None:
            return (f"{shape.schedule.describe()}（期限日当日仍按时），每期计入它所涵盖的期间，"
                    f"期限前 {shape.soon_days} 天内未{shape.verb}列为“即将到期”")
        when = f"每年 {shape.due_month} 月 {shape.due_day} 日前" if shape.period == "year" else f"每{PERIODS[shape.period][1]}末前"
        return f"{when}（含当日），期限前 {shape.soon_days} 天内未报列为“即将到期”"
    return ""


def render(rule, area, standard, base=None) -> str:  # noqa: ANN001
    """The explanation of ``rule``; ``base`` is the same rule before tailoring, when it was tailored."""
    from ucm_check.numbers import fmt
    from ucm_check.profile.template import toml_value

    shape = rule.shape
    lines = [
        f"[{rule.code}] {rule.title}",
        f"标准：{standard.title}（{standard.id}）",
        f"区域：{area.number} {area.title}（{area.id}，{'加分' if area.bonus else '扣分'}，共 {fmt(area.max)} 分）"
        if standard.scored else f"区域：{area.number} {area.title}（{area.id}）",
        f"条款：{rule.clause}",
        f"条文：{rule.text}",
        f"分值：{'最多加' if area.bonus else '最多扣'} {fmt(rule.max_points)} 分（{type(shape).__name__}）"
        if standard.scored else f"分值：不计分，按期限检查（{type(shape).__name__}）",
    ]
    timing = deadline_text(shape)
    if timing:
        lines.append(f"期限：{timing}")
    if rule.reading:
        lines.append(f"读法：{rule.reading}")
    if rule.applies_to:
        lines.append(f"适用：{'、'.join(sorted(rule.applies_to.levels) + list(rule.applies_to.names))}；其他单位：{rule.applies_to.reason}")
    if rule.exempt_if:
        lines.append(f"免扣：{rule.exempt_if.fact} 为 {'、'.join(sorted(map(str, rule.exempt_if.values)))} 时，{rule.exempt_if.reason}")
    if rule.tailored:
        if base is not None and base.max_points != rule.max_points:
            lines.append(f"基础分值：{'最多加' if area.bonus else '最多扣'} {fmt(base.max_points)} 分（裁剪前）")
        lines.append("裁剪：")
        lines += [f"  {change}" for change in rule.tailored]
    lines.append(f"整改：{rule.remedy}（默认整改期限 {rule.period_days} 天）")
    if rule.lead or rule.responsible:
        lines.append(f"牵头单位：{'、'.join(rule.lead) or '（文件未写）'}  责任单位：{'、'.join(rule.responsible) or '（文件未写）'}")

    lines.append("填写项：")
    for fact in shape.facts:
        options = f"，可选：{'、'.join(fact.options)}" if fact.options else ""
        lines.append(f"  {area.id}.{fact.key}（{fact.kind}）{fact.label}{options}")
    for label, example in (("达标示例", rule.good), ("扣分示例", rule.bad)):
        if example:
            shown = "，".join(f"{k} = {toml_value(v)}" for k, v in example.items())
            lines.append(f"{label}：{shown}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    host = host_from_args(args)
    codes = []
    for standard in host.standards.values():
        for area in standard.areas:
            for rule in area.rules:
                if rule.code.lower() == args.code.lower():
                    base_standard = (host.base_standards or {}).get(standard.id)
                    base = base_standard.rule(rule.code) if base_standard else None
                    out(render(rule, area, standard, base))
                    return exitcodes.OK
                codes.append(rule.code)
    import difflib

    close = difflib.get_close_matches(args.code.upper(), codes, n=3, cutoff=0.5)
    hint = f"，是否想查：{'、'.join(close)}" if close else ""
    err(f"ucm-check: 错误：没有编号为 “{args.code}” 的规则{hint}")
    return exitcodes.INVALID
