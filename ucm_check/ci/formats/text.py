"""The Chinese text report printed by ``ucm-check check``."""

from __future__ import annotations

from ucm_check.engine.headline import completeness
from ucm_check.model import (
    AWARDED, COMPLIANT, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_MET, OVERDUE, PENDING, UNANSWERED, Finding,
    ProfileResult,
)
from ucm_check.numbers import fmt
from ucm_check.files.textwidth import clip, ljust, rjust, width

ORDERS = {"recoverable": "按可挽回分值排序", "area": "按区域排序", "clause": "按条款排序"}


def _details(f: Finding, *, remedy: bool = True) -> list[str]:
    """The indented lines under a finding's heading: clause, observed, text, note, reading, remedy."""
    rule = f.rule
    lines = [f"    条款：{rule.clause}", f"    实际：{f.observed}", f"    标准：{rule.text}"]
    if f.note:
        lines.append(f"    说明：{f.note}")
    if rule.reading:
        lines.append(f"    读法：{rule.reading}")
    if rule.tailored:
        lines.append(f"    裁剪：{'；'.join(rule.tailored)}")
    if remedy:
        lines.append(f"    整改：{rule.remedy}")
    return lines


def _finding(f: Finding, *, bonus: bool = False) -> list[str]:
    rule = f.rule
    if bonus:
        head = f"[{rule.code}] {rule.title}  加 {fmt(f.points)} 分"
    else:
        head = f"[{rule.code}] {rule.title}  扣 {fmt(f.points)} 分（整改可挽回 {fmt(f.recoverable)} 分）"
    return [head, *_details(f, remedy=not bonus)]


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


#: Statuses of dated obligations, worst first, as the obligations report names them.
OBLIGATION_STATUSES = {
    OVERDUE: "逾期", NOT_MET: "未落实", DUE_SOON: "即将到期", MET_LATE: "逾期完成", PENDING: "未到期",
    COMPLIANT: "已落实", UNANSWERED: "未填写", NOT_APPLICABLE: "不适用",
}


def _header(r: ProfileResult) -> list[str]:
    u = r.unit
    where = "，".join(str(u[k]) for k in ("level", "region") if u.get(k))
    from ucm_check.dated.submission import shown

    submission = shown(r)
    return [
        f"{r.standard.title}",
        f"单位：{u.get('name', '')}（{where}）  评价期间：{u.get('period', '未填')}",
        f"档案：{r.file}",
        *([submission.text] if submission else []),
        "",
    ]


def render_obligations(r: ProfileResult) -> str:
    """The report for a standard of dated obligations without points (Henan 2021, local norms)."""
    short = {DUE_SOON: "将到期", UNANSWERED: "未填"}
    heads = [short.get(s, n) for s, n in OBLIGATION_STATUSES.items()]
    cells = [max(7, width(h) + 1) for h in heads]
    first = 80 - sum(cells)  # the whole table fits 80 columns; a longer area name is cut, ending in ..
    lines = _header(r)
    lines.append(ljust("区域", first) + "".join(rjust(h, c) for h, c in zip(heads, cells)))
    lines.append("-" * 80)
    for a in r.areas:
        name = clip(f"{a.area.number} {a.area.title}", first - 1)
        if a.error:
            lines.append(ljust(name, first) + "  插件出错：" + a.error)
            continue
        lines.append(ljust(name, first) + "".join(rjust(str(a.count(s)), c) for s, c in zip(OBLIGATION_STATUSES, cells)))
    lines.append("-" * 80)
    counts = {s: sum(a.count(s) for a in r.areas) for s in OBLIGATION_STATUSES}
    lines.append(f"共 {len(r.findings)} 项：" + "，".join(f"{n} {counts[s]}" for s, n in OBLIGATION_STATUSES.items()))
    if r.unanswered:
        lines.append(f"评价不完整：{len(r.unanswered)} 项未填写，不计为已落实。")
    for status in (OVERDUE, NOT_MET, DUE_SOON, MET_LATE):
        found = [f for f in r.findings if f.status == status]
        if not found:
            continue
        lines += ["", f"{OBLIGATION_STATUSES[status]}（{len(found)} 项）"]
        for f in found:
            due = f"  完成时限 {f.due.isoformat()}" if f.due else ""
            lines += [f"[{f.rule.code}] {f.rule.title}{due}", *_details(f)]
    for status in (PENDING, UNANSWERED, NOT_APPLICABLE):
        found = [f for f in r.findings if f.status == status]
        if found:
            lines += ["", f"{OBLIGATION_STATUSES[status]}（{len(found)} 项）"]
            lines += [f"[{f.rule.code}] {f.rule.title}  {f.note or f.observed}" for f in found]
    if r.errors:
        lines += ["", "插件出错（这些区域未评价）"]
        lines += [f"{a.area.number} {a.area.title}：{a.error}" for a in r.errors]
    return "\n".join(lines) + "\n"


def render(r: ProfileResult, *, order: str = "recoverable") -> str:
    """The full report for one profile."""
    if not r.standard.scored:
        return render_obligations(r)
    lines = [*_header(r), *area_table(r)]
    if r.unanswered:  # a provisional total never stands alone: the count and the range come first
        c = completeness(r)
        lines.append(f"总分未定：已答 {c.answered}/{c.applicable} 项，总分可能在 {fmt(c.lowest)}～{fmt(c.highest)} 分之间"
                     f"（暂计 {fmt(c.total)} 分）")
    lines += [
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
