"""The Chinese text report printed by ``ucm-check check``."""

from __future__ import annotations

from ucm_check.model import AWARDED, NOT_APPLICABLE, UNANSWERED, Finding, ProfileResult
from ucm_check.numbers import fmt
from ucm_check.textwidth import ljust, rjust

ORDERS = {"recoverable": "按可挽回分值排序", "area": "按区域排序", "clause": "按条款排序"}


def _finding(f: Finding, *, bonus: bool = False) -> list[str]:
    rule = f.rule
    if bonus:
        head = f"[{rule.code}] {rule.title}  加 {fmt(f.points)} 分"
    else:
        head = f"[{rule.code}] {rule.title}  扣 {fmt(f.points)} 分（整改可挽回 {fmt(f.recoverable)} 分）"
    lines = [head, f"    条款：{rule.clause}", f"    实际：{f.observed}", f"    标准：{rule.text}"]
    if f.note:
        lines.append(f"    说明：{f.note}")
    if rule.reading:
        lines.append(f"    读法：{rule.reading}")
    if rule.tailored:
        lines.append(f"    裁剪：{'；'.join(rule.tailored)}")
    if not bonus:
        lines.append(f"    整改：{rule.remedy}")
    return lines


def area_table(r: ProfileResult) -> list[str]:
    cols = (30, 6, 6, 6, 14)
    head = ["区域", "满分", "扣分", "得分", "未填/不适用"]
    out = ["".join(ljust(h, c) if i == 0 else rjust(h, c) for i, (h, c) in enumerate(zip(head, cols)))]
    out.append("-" * sum(cols))
    for a in r.areas:
        name = f"{a.area.number} {a.area.title}"
        if a.error:
            out.append(ljust(name, cols[0]) + "  插件出错：" + a.error)
            continue
        deducted = "-" if a.area.bonus else fmt(a.points)
        score = f"+{fmt(a.score)}" if a.area.bonus else fmt(a.score)
        extra = f"{a.count(UNANSWERED)}/{a.count(NOT_APPLICABLE)}"
        cells = [name, fmt(a.area.max), deducted, score, extra]
        out.append("".join(ljust(v, c) if i == 0 else rjust(v, c) for i, (v, c) in enumerate(zip(cells, cols))))
    out.append("-" * sum(cols))
    return out


def render(r: ProfileResult, *, order: str = "recoverable") -> str:
    """The full report for one profile."""
    u = r.unit
    where = "，".join(str(u[k]) for k in ("level", "region") if u.get(k))
    lines = [
        f"{r.standard.title}",
        f"单位：{u.get('name', '')}（{where}）  评价期间：{u.get('period', '未填')}",
        f"档案：{r.file}",
        "",
        *area_table(r),
        f"{'总分' if r.complete else '暂计总分（仅已填写项目）'} {fmt(r.total)}（满分 {fmt(r.standard.base + r.standard.bonus_max)}）"
        f"= 基础分 {fmt(r.standard.base)} - 扣分 {fmt(r.deducted)} + 加分 {fmt(r.bonus)}",
    ]
    if r.complete:
        lines.append("评价完整：所有适用项目均已填写。")
    else:
        lines.append(
            f"评价不完整：{len(r.unanswered)} 项未填写，最多还可能扣 {fmt(r.max_further_deduction)} 分"
            f"（最低可能得分 {fmt(r.lowest_total)}），最多还可能加 {fmt(r.max_further_bonus)} 分。"
        )
    gaps = r.gaps(order)
    if gaps:
        lines += ["", f"扣分项（{len(gaps)} 项，{ORDERS[order]}）"]
        for f in gaps:
            lines += _finding(f)
    unanswered = r.unanswered
    if unanswered:
        lines += ["", f"未填写（{len(unanswered)} 项，不计为达标）"]
        lines += [f"[{f.rule.code}] {f.rule.title}（最多 {fmt(f.rule.max_points)} 分）  {f.observed}" for f in unanswered]
    na = [f for f in r.findings if f.status == NOT_APPLICABLE]
    if na:
        lines += ["", f"不适用（{len(na)} 项）"]
        lines += [f"[{f.rule.code}] {f.rule.title}  {f.note}" for f in na]
    awarded = [f for f in r.findings if f.status == AWARDED]
    if awarded:
        lines += ["", f"加分项（{len(awarded)} 项）"]
        for f in awarded:
            lines += _finding(f, bonus=True)
    exempt = [f for f in r.findings if f.note and f.status not in (NOT_APPLICABLE,) and f.points == 0 and f.rule.exempt_if]
    if exempt:
        lines += ["", "免扣项"]
        lines += [f"[{f.rule.code}] {f.rule.title}  {f.note}" for f in exempt]
    if r.errors:
        lines += ["", "插件出错（这些区域未评分）"]
        lines += [f"{a.area.number} {a.area.title}：{a.error}" for a in r.errors]
    return "\n".join(lines) + "\n"
