"""Tables for people: the terminal table and markdown, from the results JSON (so a kept
``results.json`` renders exactly as a fresh ranking does)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ucm_check.assess.results import FLAG_NAMES, change_text, number_text
from ucm_check.files.textwidth import ljust, rjust, width


def note_of(row: dict[str, Any], names: dict[str, str]) -> str:
    """Why a row is special: a missing source (re-weighted or not ranked)."""
    missing = "、".join(names.get(s, s) for s in row.get("missing_sources", []))
    if not row["complete"]:
        return f"缺{missing}，不完整，未排名" if missing else f"仅 {row.get('months', 0)} 个月有综合得分，未排名"
    return f"缺{missing}，按其余来源权重折算" if missing else ""


def funding_text(funding: dict[str, Any] | None) -> str:
    """``+20%（+240000元）`` or ``—``."""
    if not funding:
        return "—"
    pct, amount = number_text(funding["percent"]), number_text(funding["amount"])
    sign = "+" if funding["percent"] > 0 else ""
    return f"{sign}{pct}%（{sign}{amount}元）"


def fund_text(fund: dict[str, Any] | None) -> str:
    """``奖 12500.00元``, ``扣 30000元`` or ``—``."""
    if not fund:
        return "—"
    if fund["reward"]:
        return f"奖 {format(Decimal(str(fund['reward'])), '.2f')}元"
    if fund["deduction"]:
        return f"扣 {format(Decimal(str(fund['deduction'])), '.2f')}元"
    return "—"


def fund_line(doc: dict[str, Any], group: dict[str, Any] | None = None) -> str:
    """The fund's month in one sentence, for the whole scheme or one group; ``""`` without a fund."""
    fund = doc.get("fund")
    if not fund:
        return ""
    money = lambda v: format(Decimal(str(v)), ".2f")  # noqa: E731
    if group is None:
        return (f"{fund['name']}：每年 {money(fund['yearly'])} 元，分 {fund['months']} 个月，本月 {money(fund['monthly'])} 元；"
                f"本月奖励合计 {money(fund['paid'])} 元")
    mine = next((g for g in fund["groups"] if g["id"] == group["id"]), None)
    if mine is None:
        return ""
    return (f"基金：本组占 {number_text(mine['share'])}%，本月 {money(mine['pot'])} 元，奖励 {money(mine['paid'])} 元，"
            f"财政扣款 {money(mine['deducted'])} 元")


def table(doc: dict[str, Any], group: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Headers and cells of one group's ranking."""
    monthly = doc["kind"] == "month"
    names = {s["id"]: s["name"] for s in group["sources"]}
    headers = ["名次", "变化", "单位", "综合得分"]
    if monthly:
        headers += [f"{s['name']}({number_text(s['weight'])}%)" for s in group["sources"]]
        headers += ["红黑旗", "连续靠后", "问责", "经费调整", "基金奖惩", "说明"]
    else:
        headers += ["月数", "说明"]
    rows = []
    for r in group["rows"]:
        cells = ["—" if r["rank"] is None else str(r["rank"]), change_text(r["change"], r["previous_rank"]),
                 r["unit"], composite_text(r["composite"], doc["scheme"]["decimals"])]
        if monthly:
            cells += [("缺评" if p["score"] is None else number_text(p["score"])) for p in r["parts"]]
            step = r["escalation"] or ""
            if step and r["escalation_new"]:
                step += "（本月）"
            cells += [FLAG_NAMES.get(r["flag"] or "", ""), f"{r['streak']} 个月" if r["streak"] else "",
                      step, funding_text(r["funding"]), fund_text(r.get("fund")), note_of(r, names)]
        else:
            cells += [str(r["months"]), note_of(r, names)]
        rows.append(cells)
    return _without_empty(headers, rows, keep=4 + (len(group["sources"]) if monthly else 0))


def _without_empty(headers: list[str], rows: list[list[str]], keep: int) -> tuple[list[str], list[list[str]]]:
    """Drop the trailing columns nothing in this group fills (no flags, no funding rule ...)."""
    used = [c for c in range(len(headers)) if c < keep or any(r[c] not in ("", "—") for r in rows)]
    return [headers[c] for c in used], [[r[c] for c in used] for r in rows]


def composite_text(value: Any, decimals: int) -> str:
    """A composite with the scheme's decimals (78.10, not 78.1), or —."""
    if value is None:
        return "—"
    return format(Decimal(str(value)), f".{decimals}f")


def title(doc: dict[str, Any]) -> str:
    """``某区城市管理综合考评 2026年3月排名``."""
    return f"{doc['scheme']['name']} {doc['label']}排名"


def weights_line(group: dict[str, Any]) -> str:
    """``第三方考评 40% + 数字化城管 40% + ...``."""
    return " + ".join(f"{s['name']} {number_text(s['weight'])}%" for s in group["sources"])


def to_text(doc: dict[str, Any]) -> str:
    """The terminal table: one block per group, columns aligned for Chinese text."""
    out = [title(doc), ""]
    if doc["kind"] != "month":
        out.insert(1, f"由 {len(doc['months'])} 个月（{doc['months'][0]} 至 {doc['months'][-1]}）各月综合得分的算术平均得出")
    if fund_line(doc):
        out.insert(1, fund_line(doc))
    for group in doc["groups"]:
        headers, rows = table(doc, group)
        widths = [max(width(c) for c in col) for col in zip(headers, *rows)]
        out.append(f"{group['name']}  （{weights_line(group)}）")
        if fund_line(doc, group):
            out.append(fund_line(doc, group))
        for line in [headers, *rows]:
            cells = [rjust(c, w) if i in (0, 3) else ljust(c, w) for i, (c, w) in enumerate(zip(line, widths))]
            out.append("  ".join(cells).rstrip())
        out.append("")
    return "\n".join(out)


def to_markdown(doc: dict[str, Any]) -> str:
    """Markdown for a notice or a wiki: a heading and a table per group."""
    out = [f"# {title(doc)}", ""] + ([fund_line(doc), ""] if fund_line(doc) else [])
    if doc["kind"] != "month":
        out += [f"由 {len(doc['months'])} 个月（{doc['months'][0]} 至 {doc['months'][-1]}）各月综合得分的算术平均得出。", ""]
    for group in doc["groups"]:
        headers, rows = table(doc, group)
        out += [f"## {group['name']}", "", f"权重：{weights_line(group)}", ""]
        if fund_line(doc, group):
            out += [fund_line(doc, group), ""]
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + "|".join("---:" if i in (0, 3) else "---" for i in range(len(headers))) + "|")
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)
